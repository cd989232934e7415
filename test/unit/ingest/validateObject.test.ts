/**
 * Validation as the Kubernetes API server validates, not more strictly: status never refuses, nulls read as
 * the API server decodes them, fields an Istio CRD does not define are warnings naming the closest field.
 */
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../../src/ingest/validateObject.js';
import { unknownSpecFields } from '../../../src/ingest/unknownFields.js';

const at = { documentIndex: 0, pointer: '', cluster: 'c1' };
const verdict = (object: Record<string, unknown>) => validateObject(object, at);
const problemCodes = (object: Record<string, unknown>): string[] => {
  const result = verdict(object);
  return result.status === 'ignored' ? [] : result.problems.map((problem) => problem.code);
};

describe('status is observed state', () => {
  it.each([
    [
      'a node whose ids were redacted',
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n1' },
        status: {
          nodeInfo: { architecture: 'amd64' },
          addresses: [{ type: 'InternalIP' }],
          daemonEndpoints: { kubeletEndpoint: {} },
        },
      },
    ],
    [
      'a pod whose container ids were redacted',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'ns' },
        spec: { containers: [{ name: 'a', image: 'x' }] },
        status: { containerStatuses: [{ name: 'a', ready: true }] },
      },
    ],
    [
      'a status of the wrong shape',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a' }] },
        status: { conditions: 'Ready' },
      },
    ],
  ])('%s is accepted', (_case, object) => {
    expect(problemCodes(object)).toEqual([]);
  });

  it('still refuses what the spec lacks', () => {
    expect(problemCodes({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} })).toEqual([
      'SCHEMA_VIOLATION',
    ]);
  });
});

describe('null as the API server decodes it', () => {
  it('an EndpointSlice with endpoints: null has an empty list', () => {
    const slice: Record<string, unknown> = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: null,
    };
    expect(problemCodes(slice)).toEqual([]);
    expect(slice['endpoints']).toEqual([]);
  });

  it('a null label value is still refused as a label that is not a string', () => {
    expect(
      problemCodes({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { team: null } } }),
    ).toEqual(['NON_STRING_LABEL']);
  });
});

describe('fields an Istio CRD does not define', () => {
  it.each([
    [
      { host: 'a', trafficPolicy: { outlierDetections: {} } },
      [['spec.trafficPolicy.outlierDetections', 'outlierDetection']],
    ],
    [{ host: 'a', subsets: [{ name: 'v1', lables: { v: '1' } }] }, [['spec.subsets[0].lables', 'labels']]],
    [{ host: 'a', hots: 'b' }, [['spec.hots', 'host']]],
    [{ host: 'a', somethingElse: true }, [['spec.somethingElse', undefined]]],
    // Newer than @kubernetes-models/istio's schemas, defined by the CRDs: not unknown.
    [
      {
        host: 'a',
        trafficPolicy: {
          loadBalancer: { zoneAwareLbSetting: { enabled: true }, warmup: { duration: '10s' } },
          retryBudget: { percent: 20 },
          outlierDetection: { consecutive5xxErrors: 3 },
        },
      },
      [],
    ],
    // Map values (subset labels) are the user's own keys.
    [{ host: 'a', subsets: [{ name: 'v1', labels: { anything: 'goes' } }] }, []],
  ])('DestinationRule spec %j', (spec, expected) => {
    expect(unknownSpecFields('DestinationRule', spec).map((f) => [f.path, f.suggestion])).toEqual(expected);
  });

  it('are warnings on an accepted object, not problems', () => {
    const result = verdict({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'd', namespace: 'ns' },
      spec: { host: 'web', trafficPolicy: { outlierDetections: { consecutive5xxErrors: 3 } } },
    });
    if (result.status !== 'understood') throw new Error('expected an understood object');
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((warning) => [warning.code, warning.severity])).toEqual([
      ['SPW1013', 'WARNING'],
    ]);
    expect(result.warnings[0]?.message).toContain('DestinationRule ns/d (cluster c1): unknown field');
  });

  it('are not looked for in kinds Spillway reads without a CRD', () => {
    expect(unknownSpecFields('Service', { anything: 1 })).toEqual([]);
  });
});

describe('HorizontalPodAutoscalers (the backend capacity, issue 14)', () => {
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'autoscaling/v2 with a CPU target',
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          scaleTargetRef: target,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
            },
          ],
        },
      },
      [],
    ],
    [
      'autoscaling/v1',
      {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { scaleTargetRef: target, maxReplicas: 10, targetCPUUtilizationPercentage: 60 },
      },
      [],
    ],
    // The API server requires scaleTargetRef and maxReplicas.
    [
      'autoscaling/v2 without maxReplicas',
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { scaleTargetRef: target },
      },
      ['SCHEMA_VIOLATION'],
    ],
  ])('%s', (_case, object, codes) => {
    expect(verdict(object).status).not.toBe('ignored');
    expect(problemCodes(object)).toEqual(codes);
  });
});
