import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../helpers/buildTestApp.js';

/**
 * Blocks longer than under-pressure's one-second sampling window, so the window's mean delay (even with a
 * full second of 10 ms ticks before the stall) stays above the small limits below.
 */
const BUSY_MS = 2_000;
/** Far beyond the sampling window (about a second) even on a busy machine. */
const RECOVERY_DEADLINE_MS = 60_000;
const POLL_MS = 250;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Deliberately blocks the event loop, as a runaway synchronous request would.
  }
}

describe('load shedding (SPILLWAY_MAX_EVENT_LOOP_DELAY_MS)', () => {
  it('answers 503 OVERLOADED problem+json after the event loop was blocked past the limit', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '5' });
    await app.ready();
    busyWait(BUSY_MS);
    // Let the overdue sampling timer run, then ask.
    await sleep(20);
    const response = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    const body = expectProblem(response, 503, 'OVERLOADED');
    expect(body['title']).toBe('Service overloaded');
  });

  it('serves normally after the same stall when shedding is off (0)', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' });
    await app.ready();
    busyWait(BUSY_MS);
    await sleep(20);
    const response = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    expect(response.statusCode).toBe(200);
  });

  it('keeps answering /healthz while it sheds everything else', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '5' });
    await app.ready();
    busyWait(BUSY_MS);
    await sleep(20);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/snapshots' }), 503, 'OVERLOADED');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: '/readyz' }), 503, 'OVERLOADED');
  });

  // Recovery is awaited, not timed: on a loaded machine the loop may stay slow for a while, so the test polls
  // until the service sheds no more, with a deadline far beyond the one-second sampling window.
  it(
    'recovers once the event loop is idle again',
    async () => {
      const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '200' });
      await app.ready();
      busyWait(BUSY_MS);
      await sleep(20);
      expect((await app.inject({ method: 'GET', url: '/v1/snapshots' })).statusCode).toBe(503);
      const deadline = performance.now() + RECOVERY_DEADLINE_MS;
      let status = 503;
      while (status === 503 && performance.now() < deadline) {
        await sleep(POLL_MS);
        status = (await app.inject({ method: 'GET', url: '/v1/snapshots' })).statusCode;
      }
      expect(status).toBe(200);
    },
    RECOVERY_DEADLINE_MS * 2,
  );
});
