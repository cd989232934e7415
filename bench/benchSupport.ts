/**
 * Shared pieces of the benchmarks: the machine description, tables, result files, growth exponents, and
 * running a measurement in a child process (so its peak RSS is its own).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const MIB = 1024 * 1024;

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 / MIB),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export type Row = Readonly<Record<string, string | number | boolean | null>>;

/** A plain-text table of rows (columns in the first row's key order). */
export function formatTable(rows: readonly Row[]): string {
  const first = rows[0];
  if (first === undefined) return '(no rows)';
  const columns = Object.keys(first);
  const cell = (value: Row[string] | undefined): string =>
    value === undefined || value === null
      ? '–'
      : typeof value === 'number'
        ? formatNumber(value)
        : String(value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: readonly string[]): string =>
    values.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}

/**
 * How cost grows with size: the exponent k in cost ∝ size^k fitted through the smallest and largest point
 * (1 = linear, 2 = quadratic).
 */
export function growthExponent(
  points: readonly { readonly size: number; readonly cost: number }[],
): number | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (
    first === undefined ||
    last === undefined ||
    first.size === last.size ||
    first.cost <= 0 ||
    last.cost <= 0
  )
    return null;
  return Math.round((Math.log(last.cost / first.cost) / Math.log(last.size / first.size)) * 100) / 100;
}

export interface BenchResult {
  readonly name: string;
  readonly date: string;
  readonly machine: Machine;
  readonly description: string;
  readonly rows: readonly Row[];
  /** Target checks: what was required, what was measured, whether it held. */
  readonly targets: readonly { readonly target: string; readonly measured: string; readonly pass: boolean }[];
  readonly growth: Readonly<Record<string, number | null>>;
}

export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${result.name}.json`;
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export function printResult(result: BenchResult): void {
  console.log(`\n## ${result.name} — ${result.description}`);
  console.log(formatTable(result.rows));
  for (const [label, exponent] of Object.entries(result.growth))
    console.log(`growth of ${label}: size^${exponent ?? '?'}`);
  for (const t of result.targets) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.measured}`);
}

export const mib = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

export interface ChildOutcome<T> {
  readonly value: T;
  /** Peak resident set of the child, bytes (from its own `process.resourceUsage().maxRSS`). */
  readonly maxRssBytes: number;
}

/**
 * Runs `script` (a bench file) with `args` in a fresh Node process under tsx, with a time limit; the child
 * prints one JSON line `{ value, maxRssKiB }` as its last line of stdout.
 */
export async function runChild<T>(
  script: string,
  args: readonly string[],
  timeoutMs: number,
  nodeArgs: readonly string[] = [],
): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} exceeded ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        return reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`));
      try {
        const parsed = JSON.parse(last) as { value: T; maxRssKiB: number };
        resolve({ value: parsed.value, maxRssBytes: parsed.maxRssKiB * 1024 });
      } catch {
        reject(new Error(`no result line from ${script}: ${out.slice(-2000)}`));
      }
    });
  });
}

/** The child side of `runChild`: print the value with this process's peak RSS. */
export function reportFromChild(value: unknown): void {
  process.stdout.write(`\n${JSON.stringify({ value, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * The environment of an app under measurement: production settings, a SQLite file, no examples, uploads
 * large enough for the biggest mesh, no load shedding (the load is the point), response cache off.
 */
export function benchAppEnv(dbPath: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SPILLWAY_DB_PATH: dbPath,
    SPILLWAY_IMPORT_EXAMPLES: 'false',
    SPILLWAY_UPLOAD_MAX_BYTES: String(1024 * 1024 * 1024),
    SPILLWAY_UPLOAD_MAX_DOCUMENTS: '10000000',
    SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: '0',
  };
}

/** The effectivePolicy question the GraphQL benchmarks ask: the hops as a portal shows them. */
export const BENCH_POLICY_QUERY = `query Policy($snapshot: String!, $client: String!, $backend: String!) {
  effectivePolicy(snapshot: $snapshot, client: $client, backend: $backend) {
    profile hops { from { kind name } to layer trafficDistribution { mode source } localityLb { mode active }
      priorities { level endpoints healthy loadPercent } endpoints { name priority sharePercent } }
  }
}`;
