/**
 * runSliced runs a computation's steps a slice at a time: the answer is the one `runSteps` gives at once,
 * and between slices the event loop turns (other callbacks run before the answer is ready). The slice is
 * set to 0 ms here, so every step ends a slice whatever the machine's speed: nothing depends on the clock.
 */
import { describe, expect, it } from 'vitest';
import {
  blastRadius,
  blastRadiusSteps,
  diffSnapshots,
  diffSnapshotsSteps,
  type Steps,
} from '../../../src/engine/index.js';
import { runSliced } from '../../../src/services/runSliced.js';
import { exampleMesh, MESH_TEST_TIMEOUT_MS } from '../engine/mesh/meshFixtures.js';

function* counted(steps: number, log: string[]): Steps<number> {
  for (let i = 0; i < steps; i += 1) {
    log.push(`step ${i.toString()}`);
    yield;
  }
  return steps;
}

describe('runSliced', { timeout: MESH_TEST_TIMEOUT_MS }, () => {
  it.each([
    [0, ['step 0', 'turn', 'step 1', 'step 2']],
    [1_000_000, ['step 0', 'step 1', 'step 2', 'turn']],
  ])('with a slice of %d ms the event loop turns between steps accordingly', async (sliceMs, expected) => {
    const log: string[] = [];
    setImmediate(() => log.push('turn'));
    const answer = await runSliced(counted(3, log), sliceMs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answer).toBe(3);
    expect(log).toEqual(expected);
  });

  it('answers the blast radius and the diff exactly as the engine does at once', async () => {
    const bookinfo = exampleMesh('bookinfo-multicluster.yaml');
    const scenario = { failLocalities: ['us-east/us-east-1a'] };
    expect(await runSliced(blastRadiusSteps(bookinfo, scenario), 0)).toEqual(blastRadius(bookinfo, scenario));
    const before = exampleMesh('httpbin-before.yaml');
    const after = exampleMesh('httpbin-after.yaml');
    expect(await runSliced(diffSnapshotsSteps(before, after), 0)).toEqual(diffSnapshots(before, after));
  });

  it('lets other callbacks run while a blast radius is computed', async () => {
    const mesh = exampleMesh('bookinfo-multicluster.yaml');
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const blast = await runSliced(blastRadiusSteps(mesh, { failLocalities: ['us-east/us-east-1a'] }), 0);
    running = false;
    // One turn per evaluation at least (3 backend × class evaluations here, one slice each).
    expect(blast.evaluations).toBeGreaterThanOrEqual(3);
    expect(turns).toBeGreaterThanOrEqual(blast.evaluations - 1);
  });
});
