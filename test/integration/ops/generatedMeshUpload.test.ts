import { describe, expect, it } from 'vitest';
import { generateMesh } from '../../../bench/generateMesh.js';
import { buildTestApp } from '../../helpers/buildTestApp.js';

describe('generated meshes upload like a user snapshot', () => {
  it.each([
    // services, replicas, clusters
    [5, 2, 1],
    [30, 3, 1],
    [12, 4, 2],
    [6, 3, 3],
  ])(
    '%i services × %i replicas in %i cluster(s) → 201 with matching counts',
    async (services, replicas, clusters) => {
      const app = await buildTestApp({
        SPILLWAY_UPLOAD_RATE_PER_MINUTE: '1000',
        SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
      });
      const mesh = generateMesh({ services, replicas, clusters, seed: 7 });
      const response = await app.inject({
        method: 'POST',
        url: `/v1/snapshots?${mesh.query}`,
        headers: { 'content-type': 'application/yaml' },
        payload: mesh.text,
      });
      expect(response.statusCode, response.body.slice(0, 2000)).toBe(201);
      const body = response.json<{
        id: string;
        name: string;
        clusters: { name: string }[];
        counts: Record<string, Record<string, number>>;
        diagnostics: { severity: string; code: string }[];
      }>();
      expect(body.name).toBe(mesh.name);
      expect(body.clusters.map((c) => c.name).sort()).toEqual(mesh.clusters.map((c) => c.name).sort());
      const total = (kind: string): number =>
        Object.values(body.counts).reduce((n, perKind) => n + (perKind[kind] ?? 0), 0);
      expect(total('Pod')).toBe(mesh.counts.pods + mesh.counts.waypointPods);
      expect(total('Service')).toBe(mesh.counts.serviceObjects);
      expect(total('EndpointSlice')).toBe(mesh.counts.endpointSlices);
      expect(total('DestinationRule')).toBe(mesh.counts.destinationRules);
      expect(total('Node')).toBe(mesh.counts.nodes);
      expect(total('Namespace')).toBe(mesh.counts.namespaces * clusters);
      expect(body.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);

      // The stored document is the upload, byte for byte.
      const document = await app.inject({ method: 'GET', url: `/v1/snapshots/${body.id}/document` });
      expect(document.statusCode).toBe(200);
      expect(document.body).toBe(mesh.text);
    },
  );
});
