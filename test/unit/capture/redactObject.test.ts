import { describe, expect, it } from 'vitest';
import { keepsAnnotation, REDACTED, redactObject } from '../../../src/capture/redactObject.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('capture --redact', () => {
  it.each([
    ['networking.istio.io/traffic-distribution', true],
    ['istio.io/use-waypoint', true],
    ['sidecar.istio.io/status', true],
    ['solo.io/service-scope', true],
    ['spillway.dev/suppress', true],
    ['kubectl.kubernetes.io/last-applied-configuration', false],
    ['notistio.io/x', false],
    ['example.com/owner', false],
    ['plain-key', false],
  ])('keeps the value of %s: %s', (key, kept) => {
    expect(keepsAnnotation(key)).toBe(kept);
  });

  it('replaces node identifiers and empties the image list, keeping names and labels', () => {
    const node = {
      kind: 'Node',
      metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'z1' }, annotations: { a: 'b' } },
      spec: { providerID: 'aws:///us-east-1a/i-0123' },
      status: {
        images: [{ names: [`repo@${DIGEST}`] }],
        nodeInfo: { machineID: 'm', bootID: 'b', systemUUID: 'u', kubeletVersion: 'v1.31.0' },
      },
    };
    expect(redactObject(node)).toEqual({
      kind: 'Node',
      metadata: {
        name: 'node-a',
        labels: { 'topology.kubernetes.io/zone': 'z1' },
        annotations: { a: REDACTED },
      },
      spec: { providerID: REDACTED },
      status: {
        images: [],
        nodeInfo: { machineID: REDACTED, bootID: REDACTED, systemUUID: REDACTED, kubeletVersion: 'v1.31.0' },
      },
    });
    expect(node.spec.providerID).toBe('aws:///us-east-1a/i-0123');
  });

  it('strips image digests and container ids from pods and workload templates', () => {
    const pod = {
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'app', image: `repo/app:1.2@${DIGEST}` }],
        initContainers: [{ name: 'i', image: 'x' }],
      },
      status: {
        containerStatuses: [
          {
            name: 'app',
            image: `repo/app@${DIGEST}`,
            imageID: `repo/app@${DIGEST}`,
            containerID: 'containerd://abc',
          },
        ],
      },
    };
    expect(redactObject(pod)).toEqual({
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'app', image: 'repo/app:1.2' }],
        initContainers: [{ name: 'i', image: 'x' }],
      },
      status: {
        containerStatuses: [{ name: 'app', image: 'repo/app', imageID: REDACTED, containerID: REDACTED }],
      },
    });
    const deployment = {
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { 'deployment.kubernetes.io/revision': '3' } },
      spec: {
        template: {
          metadata: { annotations: { 'sidecar.istio.io/inject': 'true', team: 'x' } },
          spec: { containers: [{ name: 'app', image: `repo/app@${DIGEST}` }] },
        },
      },
    };
    expect(redactObject(deployment)).toEqual({
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { 'deployment.kubernetes.io/revision': REDACTED } },
      spec: {
        template: {
          metadata: { annotations: { 'sidecar.istio.io/inject': 'true', team: REDACTED } },
          spec: { containers: [{ name: 'app', image: 'repo/app' }] },
        },
      },
    });
  });
});
