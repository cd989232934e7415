import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../helpers/buildTestApp.js';

/**
 * Blocks longer than under-pressure's one-second sampling window, so the window's mean delay (even with a
 * full second of 10 ms ticks before the stall) stays above the small limits below.
 */
const BUSY_MS = 2_000;

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

  it('recovers once the event loop is idle again', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '10' });
    await app.ready();
    busyWait(BUSY_MS);
    await sleep(20);
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots' })).statusCode).toBe(503);
    // The next samples see an idle loop.
    await sleep(2_200);
    expect((await app.inject({ method: 'GET', url: '/v1/snapshots' })).statusCode).toBe(200);
  });
});
