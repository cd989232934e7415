/**
 * Upload benchmark: POST /v1/snapshots of a generated single-cluster snapshot (multi-document YAML) at
 * 10k, 50k and 100k endpoints, against buildApp with a temp-file SQLite database, beside the YAML parse
 * alone (`parseAllDocuments` + `toJS`) on the same text. Each measurement runs in its own process so its
 * peak RSS is its own. Targets (issue 7): upload ≤ 2× the parse alone; peak memory < 1 GiB at 100k.
 *
 * Run: npx tsx bench/upload.bench.ts [--quick] [--sizes 10000,50000,100000]
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import {
  growthExponent,
  machine,
  mib,
  option,
  flag,
  printResult,
  reportFromChild,
  runChild,
  writeResult,
  type BenchResult,
  type Row,
} from './benchSupport.js';
import { generateMesh } from './generateMesh.js';

const REPLICAS = 10;
const SEED = 1;
const DEFAULT_SIZES = [10_000, 50_000, 100_000];
const QUICK_SIZES = [1_000, 5_000, 10_000];
const TARGET_RATIO = 2;
const TARGET_PEAK_BYTES = 1024 * 1024 * 1024;
const CHILD_TIMEOUT_MS = 20 * 60 * 1000;
const SELF = fileURLToPath(import.meta.url);

interface ParseOutcome {
  readonly ms: number;
  readonly documents: number;
}

interface UploadOutcome {
  readonly ms: number;
  readonly status: number;
  readonly body: string;
}

/** Child: the parse alone, with the options the ingest pipeline uses. */
function childParse(file: string): ParseOutcome {
  const text = readFileSync(file, 'utf8');
  const started = performance.now();
  const documents = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  let n = 0;
  for (const document of documents) {
    document.toJS({ maxAliasCount: 100 });
    n += 1;
  }
  return { ms: performance.now() - started, documents: n };
}

/** Child: the whole upload through the app (HTTP layer via inject, parse, validate, normalize, store). */
async function childUpload(file: string, query: string): Promise<UploadOutcome> {
  const { buildApp } = await import('../src/app.js');
  const { testConfig } = await import('../src/config.js');
  const dir = mkdtempSync(join(tmpdir(), 'spillway-bench-'));
  try {
    const app = await buildApp(
      testConfig({
        SPILLWAY_DB_PATH: join(dir, 'bench.db'),
        SPILLWAY_UPLOAD_MAX_BYTES: String(1024 * 1024 * 1024),
        SPILLWAY_UPLOAD_MAX_DOCUMENTS: '10000000',
        SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
        // As the service runs by default (testConfig parses inline): one parser worker thread, whose heap is
        // part of this process's peak RSS.
        SPILLWAY_UPLOAD_WORKERS: '1',
      }),
    );
    // Streamed from the file as a client's socket would send it: the bench holds no copy of its own.
    const body = createReadStream(file);
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${query}`,
      headers: { 'content-type': 'application/yaml' },
      payload: body,
    });
    const ms = performance.now() - started;
    await app.close();
    return {
      ms,
      status: response.statusCode,
      body: response.statusCode === 201 ? '' : response.body.slice(0, 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = option('sizes')?.split(',').map(Number) ?? (flag('quick') ? QUICK_SIZES : DEFAULT_SIZES);
  const dir = mkdtempSync(join(tmpdir(), 'spillway-bench-upload-'));
  const rows: Row[] = [];
  try {
    for (const endpoints of sizes) {
      const mesh = generateMesh({
        services: Math.ceil(endpoints / REPLICAS),
        replicas: REPLICAS,
        seed: SEED,
      });
      const file = join(dir, `mesh-${endpoints}.yaml`);
      writeFileSync(file, mesh.text);
      const bytes = Buffer.byteLength(mesh.text);
      console.error(
        `upload bench: ${endpoints} endpoints, ${mib(bytes)} MiB, ${mesh.counts.documents} documents…`,
      );
      const parse = await runChild<ParseOutcome>(SELF, ['--child', 'parse', file], CHILD_TIMEOUT_MS);
      const upload = await runChild<UploadOutcome>(
        SELF,
        ['--child', 'upload', file, mesh.query],
        CHILD_TIMEOUT_MS,
      );
      if (upload.value.status !== 201)
        console.error(`upload answered ${upload.value.status}: ${upload.value.body}`);
      rows.push({
        endpoints,
        services: mesh.counts.services,
        documents: mesh.counts.documents,
        MiB: mib(bytes),
        parseMs: Math.round(parse.value.ms),
        parsePeakMiB: mib(parse.maxRssBytes),
        uploadMs: Math.round(upload.value.ms),
        uploadPeakMiB: mib(upload.maxRssBytes),
        status: upload.value.status,
        ratio: Math.round((upload.value.ms / parse.value.ms) * 100) / 100,
        msPer1kEndpoints: Math.round((upload.value.ms / endpoints) * 1000),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const largest = rows[rows.length - 1];
  const num = (row: Row | undefined, key: string): number => Number(row?.[key] ?? Number.NaN);
  const result: BenchResult = {
    name: 'upload',
    date: new Date().toISOString(),
    machine: machine(),
    description: `POST /v1/snapshots of a generated single-cluster YAML snapshot (${REPLICAS} replicas/service, seed ${SEED}) vs parseAllDocuments+toJS alone`,
    rows,
    targets: largest
      ? [
          {
            target: `upload ≤ ${TARGET_RATIO}× YAML parse at ${largest['endpoints']} endpoints`,
            measured: `${num(largest, 'ratio')}×`,
            pass: num(largest, 'ratio') <= TARGET_RATIO && largest['status'] === 201,
          },
          {
            target: `upload peak RSS < 1024 MiB at ${largest['endpoints']} endpoints`,
            measured: `${num(largest, 'uploadPeakMiB')} MiB`,
            pass: num(largest, 'uploadPeakMiB') * 1024 * 1024 < TARGET_PEAK_BYTES,
          },
        ]
      : [],
    growth: {
      uploadTime: growthExponent(rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'uploadMs') }))),
      parseTime: growthExponent(rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'parseMs') }))),
      uploadPeakMemory: growthExponent(
        rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'uploadPeakMiB') })),
      ),
    },
  };
  printResult(result);
  console.log(`wrote ${writeResult(result)}`);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  const [mode, file, query] = process.argv.slice(childIndex + 1);
  if (mode === 'parse' && file) reportFromChild(childParse(file));
  else if (mode === 'upload' && file) reportFromChild(await childUpload(file, query ?? ''));
  else throw new Error(`unknown child mode ${mode ?? ''}`);
} else {
  await main();
}
