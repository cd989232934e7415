/**
 * `spillway capture` as a child process against a stand-in `kubectl` on PATH
 * (`test/fixtures/cli/fakeKubectl.mjs`, answering from the example snapshots, which are recorded
 * `kubectl get` output). Captured bundles are then analyzed: they must load exactly like the original.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTestApp } from '../../helpers/buildTestApp.js';
import { runInProcess } from './runInProcess.js';
import {
  fakeKubectlEnv,
  recordedObjects,
  REPO_ROOT,
  runSpillway,
  removeTempDirs,
  tempDir,
} from './runSpillway.js';

/** A capture starts ~15 short processes; ~5 s on an idle 2-core machine, so allow 24× that. */
const TIMEOUT_MS = 120_000;
const REDACTED = 'REDACTED';
/** Every `get` capture runs per context: the 14 resources of `src/capture/captureResources.ts`. */
const RESOURCES_PER_CONTEXT = 14;
const WRITER_TOKEN = 'writer-token-for-capture-tests';

type KubeObject = {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [key: string]: unknown;
};
interface Bundle<Resources = KubeObject[]> {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { clusters: { name: string; resources: Resources }[] };
}

function logged(log: string): string[][] {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as string[])
    : [];
}

/** `code origin cluster` of each finding of `analyze -o json` on a file, for comparing two inputs. */
async function findingsOf(file: string): Promise<string[]> {
  const run = await runInProcess(['analyze', '-o', 'json', file]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { code: string; origin: string; cluster: string }[]).map(
    (finding) => `${finding.code} ${finding.origin} ${finding.cluster}`,
  );
}

afterAll(removeTempDirs);

describe('spillway capture --upload', () => {
  it(
    '--upload sends the bundle to a running service with SPILLWAY_TOKEN; a refused token exits 77',
    { timeout: TIMEOUT_MS },
    async () => {
      const app = await buildTestApp({ SPILLWAY_API_TOKENS: `writer:${WRITER_TOKEN}` });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const { env } = fakeKubectlEnv({ contexts: { east: { file: 'examples/httpbin-after.yaml' } } });

      const refused = await runSpillway(['capture', '--context', 'east', '--upload', url], {
        env: { ...env, SPILLWAY_TOKEN: 'not-a-valid-token-at-all' },
      });
      expect(refused.code).toBe(77);
      expect(refused.stderr).toContain('refused the snapshot');

      const run = await runSpillway(['capture', '--context', 'east', '--name', 'uploaded', '--upload', url], {
        env: { ...env, SPILLWAY_TOKEN: WRITER_TOKEN },
      });
      expect(run.code).toBe(0);
      const reply = JSON.parse(run.stdout) as {
        id: string;
        name: string;
        counts: Record<string, Record<string, number>>;
      };
      expect(reply.name).toBe('uploaded');
      expect(Object.keys(reply.counts)).toEqual(['east']);
      const stored = await app.inject({
        method: 'GET',
        url: `/v1/snapshots/${reply.id}`,
        headers: { authorization: `Bearer ${WRITER_TOKEN}` },
      });
      expect(stored.statusCode).toBe(200);
    },
  );
});

describe('spillway capture', () => {
  it(
    'reads the current context, skips a CRD the cluster lacks, and writes a bundle that analyzes like the original',
    { timeout: TIMEOUT_MS },
    async () => {
      const { env, log } = fakeKubectlEnv({
        contexts: { 'kind-east': { file: 'examples/httpbin-after.yaml' } },
        current: 'kind-east',
        missing: ['serviceentries.networking.istio.io', 'workloadentries.networking.istio.io'],
      });
      const out = join(tempDir(), 'bundle.yaml');
      const run = await runSpillway(['capture', '--name', 'east-now', '--out', out], { env });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('serviceentries.networking.istio.io is not served by the cluster');
      expect(run.stderr).toContain('workloadentries.networking.istio.io is not served by the cluster');

      const calls = logged(log);
      expect(calls[0]).toEqual(['config', 'current-context']);
      expect(calls).toHaveLength(1 + RESOURCES_PER_CONTEXT);
      for (const call of calls.slice(1)) expect(call.slice(0, 3)).toEqual(['--context', 'kind-east', 'get']);

      const bundle = parse(readFileSync(out, 'utf8')) as Bundle;
      expect(bundle.kind).toBe('MeshSnapshot');
      expect(bundle.metadata.name).toBe('east-now');
      expect(bundle.spec.clusters.map((cluster) => cluster.name)).toEqual(['kind-east']);
      const recorded = recordedObjects('examples/httpbin-after.yaml');
      // Every kind in the example is one capture asks for, so each recorded object comes back once.
      expect(bundle.spec.clusters[0]?.resources).toHaveLength(recorded.length);
      expect(await findingsOf(out)).toEqual([
        'SPW0002 DestinationRule in-ambient-failover.httpbin kind-east',
      ]);
    },
  );

  it(
    '--redact removes node identifiers, image digests and IDs and foreign annotation values, keeping what Spillway reads',
    { timeout: TIMEOUT_MS },
    async () => {
      const example = 'examples/sidecar-client.yaml';
      const { env } = fakeKubectlEnv({
        contexts: { 'arn:aws:eks:us-east-1:123456789012:cluster/prod': { file: example } },
      });
      const out = join(tempDir(), 'redacted.json');
      const run = await runSpillway(
        [
          'capture',
          '--redact',
          '-o',
          'json',
          '--out',
          out,
          '--context',
          'arn:aws:eks:us-east-1:123456789012:cluster/prod',
        ],
        { env },
      );
      expect(run.code).toBe(0);
      const text = readFileSync(out, 'utf8');
      const bundle = JSON.parse(text) as Bundle;
      // The context name carries an account id: a redacted bundle numbers its clusters instead.
      expect(bundle.spec.clusters.map((cluster) => cluster.name)).toEqual(['cluster1']);
      expect(text).not.toContain('123456789012');
      expect(bundle.metadata.annotations).toEqual({ 'spillway.dev/redacted': 'true' });

      const original = recordedObjects(example) as KubeObject[];
      expect(JSON.stringify(original)).toContain('sha256:');
      expect(text).not.toContain('sha256:');
      const objects = bundle.spec.clusters[0]?.resources ?? [];
      const nodes = objects.filter((object) => object.kind === 'Node') as unknown as {
        spec: { providerID?: string };
        status: { nodeInfo: Record<string, string> };
      }[];
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        expect(node.spec.providerID).toBe(REDACTED);
        for (const key of ['machineID', 'bootID', 'systemUUID'])
          expect(node.status.nodeInfo[key]).toBe(REDACTED);
      }
      let kept = 0;
      let redacted = 0;
      for (const before of original) {
        const after = objects.find(
          (object) =>
            object.kind === before.kind &&
            object.metadata.name === before.metadata.name &&
            object.metadata.namespace === before.metadata.namespace,
        );
        for (const [key, value] of Object.entries(before.metadata.annotations ?? {})) {
          const readBySpillway = /^([a-z0-9-]+\.)*(istio\.io|solo\.io|spillway\.dev)\//u.test(key);
          expect(after?.metadata.annotations?.[key]).toBe(readBySpillway ? value : REDACTED);
          if (readBySpillway) kept += 1;
          else redacted += 1;
        }
      }
      // The example carries both kinds (sidecar.istio.io/status, the traffic-distribution annotation; others).
      expect(kept).toBeGreaterThan(0);
      expect(redacted).toBeGreaterThan(0);
      expect(await findingsOf(out)).toEqual(await findingsOf(example));
    },
  );

  it('one cluster per --context makes a multicluster bundle', { timeout: TIMEOUT_MS }, async () => {
    const example = 'examples/bookinfo-multicluster.yaml';
    const { env } = fakeKubectlEnv({
      contexts: {
        'ctx-east': { file: example, cluster: 'cluster1' },
        'ctx-west': { file: example, cluster: 'cluster2' },
      },
    });
    const run = await runSpillway(
      [
        'capture',
        '-o',
        'json',
        '--name',
        'two',
        '--context',
        'ctx-east=cluster1',
        '--context',
        'ctx-west=cluster2',
      ],
      { env },
    );
    expect(run.code).toBe(0);
    const bundle = JSON.parse(run.stdout) as Bundle;
    const original = parse(readFileSync(join(REPO_ROOT, example), 'utf8')) as Bundle<
      KubeObject[] | { items: KubeObject[] }
    >;
    const count = (resources: KubeObject[] | { items: KubeObject[] }): number =>
      Array.isArray(resources) ? resources.length : resources.items.length;
    expect(bundle.spec.clusters.map((cluster) => [cluster.name, cluster.resources.length])).toEqual(
      original.spec.clusters.map((cluster) => [cluster.name, count(cluster.resources)]),
    );
    const file = join(tempDir(), 'two.json');
    writeFileSync(file, run.stdout);
    expect(await findingsOf(file)).toEqual(await findingsOf(example));
  });

  it('--print-kubectl prints the commands and runs none', { timeout: TIMEOUT_MS }, async () => {
    const { env, log } = fakeKubectlEnv({ contexts: {} });
    const run = await runSpillway(['capture', '--print-kubectl', '--context', 'east', '--context', 'west'], {
      env,
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 * RESOURCES_PER_CONTEXT);
    expect(lines).toContain('kubectl --context east get pods --all-namespaces --output json');
    expect(lines).toContain(
      'kubectl --context west get configmaps istio --namespace istio-system --ignore-not-found --output json',
    );
    expect(lines).toContain(
      'kubectl --context west get gateways.gateway.networking.k8s.io --all-namespaces --output json',
    );
    expect(logged(log)).toEqual([]);
  });

  it(
    'a kubectl failure stops the capture with kubectl’s message (exit 69)',
    { timeout: TIMEOUT_MS },
    async () => {
      const { env } = fakeKubectlEnv({ contexts: {} });
      const run = await runSpillway(['capture', '--context', 'nowhere'], { env });
      expect(run.code).toBe(69);
      expect(run.stderr).toContain('context "nowhere" does not exist');
      expect(run.stdout).toBe('');
    },
  );
});
