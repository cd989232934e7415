import { describe, expect, it } from 'vitest';
import { CAPTURE_RESOURCES, kubectlArgs } from '../../../src/capture/captureResources.js';
import { clusterIdFor, parseContextTarget } from '../../../src/capture/captureSnapshot.js';
import { snapshotsUrl } from '../../../src/capture/uploadSnapshot.js';

describe('capture plan', () => {
  it('asks for the Gateway API Gateway, never Istio’s networking.istio.io Gateway', () => {
    const resources = CAPTURE_RESOURCES.map((resource) => resource.resource);
    expect(resources).toContain('gateways.gateway.networking.k8s.io');
    expect(resources.filter((resource) => resource.startsWith('gateways'))).toHaveLength(1);
  });

  it.each([
    [{ resource: 'pods', custom: false }, undefined, ['get', 'pods', '--all-namespaces', '--output', 'json']],
    [
      { resource: 'configmaps', custom: false, only: { namespace: 'istio-system', name: 'istio' } },
      'east',
      [
        '--context',
        'east',
        'get',
        'configmaps',
        'istio',
        '--namespace',
        'istio-system',
        '--ignore-not-found',
        '--output',
        'json',
      ],
    ],
  ])('kubectl arguments for %o in context %s', (resource, context, args) => {
    expect(kubectlArgs(resource, context)).toEqual(args);
  });

  it.each([
    ['kind-east', 'kind-east'],
    ['arn:aws:eks:us-east-1:123456789012:cluster/prod', 'arn-aws-eks-us-east-1-123456789012-cluster-prod'],
    ['gke_project_us-central1_main', 'gke_project_us-central1_main'],
    ['@@@', 'cluster'],
    ['x'.repeat(70), 'x'.repeat(63)],
  ])('context %s is cluster %s', (context, cluster) => {
    expect(clusterIdFor(context)).toBe(cluster);
  });

  it.each([
    ['east', { context: 'east' }],
    ['kind-east=east', { context: 'kind-east', cluster: 'east' }],
  ])('--context %s', (text, target) => {
    expect(parseContextTarget(text)).toEqual(target);
  });

  it.each([
    ['https://spillway.example.com', 'https://spillway.example.com/v1/snapshots'],
    ['https://spillway.example.com/', 'https://spillway.example.com/v1/snapshots'],
    ['https://example.com/spillway/', 'https://example.com/spillway/v1/snapshots'],
    ['http://127.0.0.1:8080/v1/snapshots', 'http://127.0.0.1:8080/v1/snapshots'],
  ])('uploads to %s at %s', (base, url) => {
    expect(snapshotsUrl(base).href).toBe(url);
  });

  it('refuses an upload target that is not a URL', () => {
    expect(() => snapshotsUrl('spillway.example.com')).toThrowError(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});
