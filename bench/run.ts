/**
 * `npm run bench`: runs every benchmark script in sequence, each in its own process, then collects their
 * results from bench/results/*.json, prints one combined table and writes bench/results/summary.json.
 * A missing or failing script is reported, not fatal. Extra arguments (e.g. `--quick`) are passed to each.
 *
 * Run: npm run bench [-- --quick] [-- --only upload,analyze]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BENCH_DIR,
  REPO_ROOT,
  RESULTS_DIR,
  formatTable,
  machine,
  writeResult,
  type Row,
} from './benchSupport.js';

/** Benchmarks in the order they run: the result file each writes is `bench/results/<name>.json`. */
export const BENCHMARKS = [
  { name: 'upload', script: 'upload.bench.ts' },
  { name: 'engine', script: 'engine.bench.ts' },
  { name: 'graphql', script: 'graphql.bench.ts' },
  { name: 'compiled', script: 'compiled.bench.ts' },
  { name: 'analyze', script: 'analyze.bench.ts' },
  { name: 'meshWide', script: 'meshWide.bench.ts' },
] as const;

/** Per-script limit: generous (the 100k-endpoint YAML upload dominates), but a hang cannot stall CI forever. */
const SCRIPT_TIMEOUT_MS = 60 * 60 * 1000;

type RunStatus = 'ok' | 'missing' | 'failed' | 'timeout';

function runScript(
  script: string,
  args: readonly string[],
): Promise<{ status: RunStatus; ms: number; detail: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, script), ...args], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, SCRIPT_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (timedOut) resolve({ status: 'timeout', ms, detail: `killed after ${SCRIPT_TIMEOUT_MS / 1000}s` });
      else if (code === 0) resolve({ status: 'ok', ms, detail: '' });
      else resolve({ status: 'failed', ms, detail: `exit ${code ?? signal ?? '?'}` });
    });
  });
}

interface AnyResult {
  readonly name?: string;
  readonly date?: string;
  readonly rows?: readonly Row[];
  readonly targets?: readonly {
    readonly target: string;
    readonly measured: string;
    readonly pass: boolean;
  }[];
  readonly growth?: Readonly<Record<string, number | null>>;
  readonly [key: string]: unknown;
}

function readResult(name: string): AnyResult | undefined {
  const path = join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AnyResult;
  } catch {
    return undefined;
  }
}

/** Rows of a result written by another script, whatever its exact shape: `rows`, `results` or `sizes` arrays. */
function rowsOf(result: AnyResult): readonly Row[] {
  for (const key of ['rows', 'results', 'sizes']) {
    const value = result[key];
    if (Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null)) {
      return value.map((r: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            v === null || ['string', 'number', 'boolean'].includes(typeof v)
              ? (v as Row[string])
              : JSON.stringify(v),
          ]),
        ),
      );
    }
  }
  return [];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex === -1 ? undefined : new Set((args[onlyIndex + 1] ?? '').split(','));
  const passThrough = onlyIndex === -1 ? args : args.filter((_, i) => i !== onlyIndex && i !== onlyIndex + 1);
  const started = new Date();
  const summary: Row[] = [];
  const collected: Record<string, AnyResult> = {};

  for (const bench of BENCHMARKS) {
    if (only && !only.has(bench.name)) continue;
    const scriptPath = join(BENCH_DIR, bench.script);
    if (!existsSync(scriptPath)) {
      console.log(`\n== ${bench.name}: bench/${bench.script} is missing — skipped`);
      summary.push({ bench: bench.name, status: 'missing', seconds: 0, targets: '–', growth: '–' });
      continue;
    }
    console.log(`\n== ${bench.name}: bench/${bench.script}`);
    const resultPath = join(RESULTS_DIR, `${bench.name}.json`);
    const before = existsSync(resultPath) ? statSync(resultPath).mtimeMs : 0;
    const run = await runScript(bench.script, passThrough);
    const result = readResult(bench.name);
    const fresh = existsSync(resultPath) && statSync(resultPath).mtimeMs > before;
    const status: RunStatus = run.status === 'ok' && !fresh ? 'failed' : run.status;
    if (result && fresh) collected[bench.name] = result;
    const targets =
      result?.targets && fresh
        ? result.targets.map((t) => `${t.pass ? 'PASS' : 'MISS'} ${t.target}: ${t.measured}`).join(' | ')
        : '–';
    const growth =
      result?.growth && fresh
        ? Object.entries(result.growth)
            .map(([k, v]) => `${k} n^${v ?? '?'}`)
            .join(', ')
        : '–';
    summary.push({
      bench: bench.name,
      status: status === 'failed' && run.status === 'ok' ? 'no result file' : status,
      seconds: Math.round(run.ms / 1000),
      targets,
      growth,
    });
  }

  console.log('\n================ benchmark summary ================');
  for (const [name, result] of Object.entries(collected)) {
    const rows = rowsOf(result);
    console.log(`\n## ${name}`);
    console.log(rows.length > 0 ? formatTable(rows) : JSON.stringify(result, null, 2).slice(0, 2000));
  }
  console.log('');
  console.log(formatTable(summary));
  const path = writeResult({
    name: 'summary',
    date: started.toISOString(),
    machine: machine(),
    description: 'npm run bench: every benchmark in sequence',
    rows: summary,
    targets: Object.values(collected).flatMap((r) => r.targets ?? []),
    growth: {},
  });
  console.log(`\nwrote ${path}`);
  if (readdirSync(RESULTS_DIR).length === 0) process.exitCode = 1;
}

await main();
