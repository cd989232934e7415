import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../helpers/buildTestApp.js';

/**
 * How the service measures load (@fastify/under-pressure 9): a timer ticks every 10 ms and records how long
 * each tick took; once a second the mean of those ticks, less the 10 ms resolution, becomes the event-loop
 * delay that requests are shed by, and the record starts afresh. A single long stall is one tick, so its
 * weight in the mean depends on how many idle 10 ms ticks the same second held before it: after a start-up
 * that waited on I/O (PostgreSQL's connection and migrations) a 2 s stall averaged to about 100 ms, after
 * SQLite's synchronous start-up to about 2,000 ms. So these tests overload the loop the way a busy service is
 * overloaded, with back-to-back blocks of synchronous work, for long enough that the last full sample holds
 * nothing else: every tick in it is one block long, whatever the loop did before.
 */
/** One block of synchronous work, as one slow request; 2.5 × LIMIT_MS. */
const BLOCK_MS = 500;
/** under-pressure's sampling period (its default, which the service keeps). */
const SAMPLE_INTERVAL_MS = 1_000;
/**
 * Long enough for two samples inside the overload (a sample is at most one interval plus one block late), so
 * the last sample before the request covers whole blocks only: ≥ 2 ticks of ~500 ms and at most a couple of
 * 10 ms ticks while the request is injected, a mean far above LIMIT_MS.
 */
const OVERLOAD_MS = 2 * (SAMPLE_INTERVAL_MS + BLOCK_MS) + BLOCK_MS;
/** Shedding limit: far below a block, and far above the delay of an idle loop on a busy machine. */
const LIMIT_MS = 200;
/** Far beyond the sampling window (about a second) even on a busy machine. */
const RECOVERY_DEADLINE_MS = 60_000;
const POLL_MS = 250;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Deliberately blocks the event loop, as a runaway synchronous request would.
  }
}

/** Blocks of synchronous work back to back, the loop turning once between them (its timers run there). */
async function overload(): Promise<void> {
  const end = performance.now() + OVERLOAD_MS;
  while (performance.now() < end) {
    busyWait(BLOCK_MS);
    await nextTurn();
  }
}

describe('load shedding (SPILLWAY_MAX_EVENT_LOOP_DELAY_MS)', () => {
  it('answers 503 OVERLOADED problem+json while the event loop is blocked past the limit', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: String(LIMIT_MS) });
    await app.ready();
    await overload();
    const response = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    const body = expectProblem(response, 503, 'OVERLOADED');
    expect(body['title']).toBe('Service overloaded');
  });

  it('serves normally after the same overload when shedding is off (0)', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' });
    await app.ready();
    await overload();
    const response = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    expect(response.statusCode).toBe(200);
  });

  it('keeps answering /healthz while it sheds everything else', async () => {
    const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: String(LIMIT_MS) });
    await app.ready();
    await overload();
    expectProblem(await app.inject({ method: 'GET', url: '/v1/snapshots' }), 503, 'OVERLOADED');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: '/readyz' }), 503, 'OVERLOADED');
  });

  // Recovery is awaited, not timed: on a loaded machine the loop may stay slow for a while, so the test polls
  // until the service sheds no more, with a deadline far beyond the one-second sampling window.
  it(
    'recovers once the event loop is idle again',
    async () => {
      const app = await buildTestApp({ SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: String(LIMIT_MS) });
      await app.ready();
      await overload();
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
