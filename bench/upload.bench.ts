/**
 * Upload benchmark, at 10k, 50k and 100k endpoints of a generated single-cluster snapshot:
 *  - the ingest parse (body text → documents, every protection on: `readDocuments`) beside its anchors, in
 *    the same child process and interleaved, so machine load weighs on both alike: js-yaml 4's `loadAll`
 *    (the fastest maintained YAML parser) for the YAML text, `JSON.parse` for the same objects as JSON;
 *  - the whole upload (`POST /v1/snapshots` through buildApp with one parser worker: parse, validate,
 *    normalize, compress, store), YAML and JSON, each in its own child so its peak RSS is its own.
 * Targets (issue 18): ingest ≤ 1.5× js-yaml for YAML and ≤ 1.5× JSON.parse for JSON at 10k and 100k
 * endpoints; a 100k-endpoint upload below 1 GiB peak RSS.
 *
 * Run: npx tsx bench/upload.bench.ts [--quick] [--sizes 10000,50000,100000]
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { readDocuments } from '../src/ingest/readDocuments.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadContentType, type UploadLimits } from '../src/ingest/types.js';
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
import { generateMesh, generateMeshJson } from './generateMesh.js';

const REPLICAS = 10;
const SEED = 1;
const DEFAULT_SIZES = [10_000, 50_000, 100_000];
const QUICK_SIZES = [1_000, 5_000, 10_000];
/** Sizes the parse targets are checked at (issue 18: 10k and 100k endpoints). */
const TARGET_SIZES = [10_000, 100_000];
const TARGET_PARSE_RATIO = 1.5;
const TARGET_PEAK_BYTES = 1024 * 1024 * 1024;
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;
/** Interleaved repetitions of each parse after a warm-up run; the fastest is reported (load only adds time). */
const PARSE_REPETITIONS = 5;
const SELF = fileURLToPath(import.meta.url);
/** The upload limits raised so the largest mesh fits; every protection stays on. */
const LIMITS: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, maxDocuments: 10_000_000 };

interface ParseOutcome {
  readonly anchorMs: number;
  readonly ingestMs: number;
  readonly documents: number;
}

interface UploadOutcome {
  readonly ms: number;
  readonly status: number;
  readonly body: string;
}

const fastest = (values: readonly number[]): number => Math.min(...values);

function timed(run: () => unknown): number {
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Child: the ingest parse and its anchor on the same text, alternated so both meet the same load. */
function childParse(file: string, contentType: UploadContentType): ParseOutcome {
  const text = readFileSync(file, 'utf8');
  const anchor = contentType === 'application/yaml' ? () => loadAll(text) : () => JSON.parse(text) as unknown;
  let documents = 0;
  const ingest = (): void => {
    const read = readDocuments(text, contentType, LIMITS);
    if (read.problems.length > 0)
      throw new Error(`ingest refused the mesh: ${JSON.stringify(read.problems[0])}`);
    documents = read.documents.length;
  };
  // Warm-up: both parsers compiled by the JIT before anything is timed.
  anchor();
  ingest();
  const anchorMs: number[] = [];
  const ingestMs: number[] = [];
  for (let repetition = 0; repetition < PARSE_REPETITIONS; repetition += 1) {
    anchorMs.push(timed(anchor));
    ingestMs.push(timed(ingest));
  }
  return { anchorMs: fastest(anchorMs), ingestMs: fastest(ingestMs), documents };
}

/** Child: the whole upload through the app (HTTP layer via inject, parse, validate, normalize, store). */
async function childUpload(
  file: string,
  query: string,
  contentType: UploadContentType,
): Promise<UploadOutcome> {
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
    // A first small upload starts the parser worker (from TypeScript sources here, seconds of compiling that
    // a built service does not spend), so the measured upload is what a running service does.
    const warm = await app.inject({
      method: 'POST',
      url: '/v1/snapshots?name=warm-up',
      headers: { 'content-type': 'application/yaml' },
      payload: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: warm-up\n',
    });
    if (warm.statusCode !== 201) throw new Error(`warm-up upload answered ${warm.statusCode}`);
    // Streamed from the file as a client's socket would send it, with its length announced as a file
    // upload announces it (curl --data-binary @file): the bench holds no copy of its own.
    const body = createReadStream(file);
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${query}`,
      headers: { 'content-type': contentType, 'content-length': String(statSync(file).size) },
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

const ratio = (value: number, anchor: number): number => Math.round((value / anchor) * 100) / 100;

async function main(): Promise<void> {
  const sizes = option('sizes')?.split(',').map(Number) ?? (flag('quick') ? QUICK_SIZES : DEFAULT_SIZES);
  const dir = mkdtempSync(join(tmpdir(), 'spillway-bench-upload-'));
  const rows: Row[] = [];
  try {
    for (const endpoints of sizes) {
      const options = { services: Math.ceil(endpoints / REPLICAS), replicas: REPLICAS, seed: SEED };
      const yaml = generateMesh(options);
      const yamlFile = join(dir, `mesh-${endpoints}.yaml`);
      writeFileSync(yamlFile, yaml.text);
      const json = generateMeshJson(options);
      const jsonFile = join(dir, `mesh-${endpoints}.json`);
      writeFileSync(jsonFile, json.text);
      console.error(
        `upload bench: ${endpoints} endpoints, ${mib(Buffer.byteLength(yaml.text))} MiB YAML, ${mib(Buffer.byteLength(json.text))} MiB JSON…`,
      );
      const gc = ['--expose-gc'];
      const yamlParse = await runChild<ParseOutcome>(
        SELF,
        ['--child', 'parse', yamlFile, '', 'application/yaml'],
        CHILD_TIMEOUT_MS,
        gc,
      );
      const jsonParse = await runChild<ParseOutcome>(
        SELF,
        ['--child', 'parse', jsonFile, '', 'application/json'],
        CHILD_TIMEOUT_MS,
        gc,
      );
      const yamlUpload = await runChild<UploadOutcome>(
        SELF,
        ['--child', 'upload', yamlFile, yaml.query, 'application/yaml'],
        CHILD_TIMEOUT_MS,
      );
      const jsonUpload = await runChild<UploadOutcome>(
        SELF,
        ['--child', 'upload', jsonFile, json.query, 'application/json'],
        CHILD_TIMEOUT_MS,
      );
      for (const outcome of [yamlUpload, jsonUpload])
        if (outcome.value.status !== 201)
          console.error(`upload answered ${outcome.value.status}: ${outcome.value.body}`);
      rows.push({
        endpoints,
        documents: yaml.counts.documents,
        yamlMiB: mib(Buffer.byteLength(yaml.text)),
        jsYamlMs: Math.round(yamlParse.value.anchorMs),
        ingestYamlMs: Math.round(yamlParse.value.ingestMs),
        yamlRatio: ratio(yamlParse.value.ingestMs, yamlParse.value.anchorMs),
        jsonMiB: mib(Buffer.byteLength(json.text)),
        jsonParseMs: Math.round(jsonParse.value.anchorMs),
        ingestJsonMs: Math.round(jsonParse.value.ingestMs),
        jsonRatio: ratio(jsonParse.value.ingestMs, jsonParse.value.anchorMs),
        uploadYamlMs: Math.round(yamlUpload.value.ms),
        uploadYamlVsJsYaml: ratio(yamlUpload.value.ms, yamlParse.value.anchorMs),
        uploadYamlPeakMiB: mib(yamlUpload.maxRssBytes),
        uploadJsonMs: Math.round(jsonUpload.value.ms),
        uploadJsonVsJsonParse: ratio(jsonUpload.value.ms, jsonParse.value.anchorMs),
        uploadJsonPeakMiB: mib(jsonUpload.maxRssBytes),
        status: `${yamlUpload.value.status}/${jsonUpload.value.status}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const num = (row: Row | undefined, key: string): number => Number(row?.[key] ?? Number.NaN);
  const largest = rows[rows.length - 1];
  const targetRows = rows.filter((row) => TARGET_SIZES.includes(num(row, 'endpoints')));
  const result: BenchResult = {
    name: 'upload',
    date: new Date().toISOString(),
    machine: machine(),
    description: `Ingest parse (readDocuments, every protection on) vs js-yaml loadAll / JSON.parse of the same text, fastest of ${PARSE_REPETITIONS} interleaved runs after a warm-up, in one process; whole POST /v1/snapshots (one warmed-up parser worker) vs the same anchors. Generated single-cluster snapshot, ${REPLICAS} replicas/service, seed ${SEED}.`,
    rows,
    targets: [
      ...targetRows.flatMap((row) => [
        {
          target: `YAML ingest ≤ ${TARGET_PARSE_RATIO}× js-yaml at ${row['endpoints']} endpoints`,
          measured: `${num(row, 'yamlRatio')}× (${row['ingestYamlMs']} vs ${row['jsYamlMs']} ms)`,
          pass: num(row, 'yamlRatio') <= TARGET_PARSE_RATIO,
        },
        {
          target: `JSON ingest ≤ ${TARGET_PARSE_RATIO}× JSON.parse at ${row['endpoints']} endpoints`,
          measured: `${num(row, 'jsonRatio')}× (${row['ingestJsonMs']} vs ${row['jsonParseMs']} ms)`,
          pass: num(row, 'jsonRatio') <= TARGET_PARSE_RATIO,
        },
      ]),
      ...(largest
        ? [
            {
              target: `YAML upload peak RSS < 1024 MiB at ${largest['endpoints']} endpoints`,
              measured: `${num(largest, 'uploadYamlPeakMiB')} MiB`,
              pass: num(largest, 'uploadYamlPeakMiB') * 1024 * 1024 < TARGET_PEAK_BYTES,
            },
          ]
        : []),
    ],
    growth: {
      ingestYamlTime: growthExponent(
        rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'ingestYamlMs') })),
      ),
      ingestJsonTime: growthExponent(
        rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'ingestJsonMs') })),
      ),
      uploadYamlTime: growthExponent(
        rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'uploadYamlMs') })),
      ),
      uploadYamlPeakMemory: growthExponent(
        rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'uploadYamlPeakMiB') })),
      ),
    },
  };
  printResult(result);
  console.log(`wrote ${writeResult(result)}`);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  const [mode, file, query, contentType] = process.argv.slice(childIndex + 1);
  const type = contentType === 'application/json' ? 'application/json' : 'application/yaml';
  if (mode === 'parse' && file) reportFromChild(childParse(file, type));
  else if (mode === 'upload' && file) reportFromChild(await childUpload(file, query ?? '', type));
  else throw new Error(`unknown child mode ${mode ?? ''}`);
} else {
  await main();
}
