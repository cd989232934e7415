/**
 * `/spillway blast` and `/spillway diff` through the real app on the bundled examples: the short answer
 * holds the service's own numbers and summaries, within Slack's limits.
 */
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../src/slack/blockKit.js';
import { formatPercent } from '../../../src/slack/textFormat.js';
import { buildTestApp, uploadExample } from '../../helpers/buildTestApp.js';
import { allText, expectWithinSlackLimits } from '../../unit/slack/slackAssertions.js';
import { SIGNING_SECRET, postCommand, slackForm } from './slackHarness.js';

// Load shedding off, and an inline budget long enough for a loaded machine: the answer comes back inline.
const SLACK_ENV = {
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
  SPILLWAY_SLACK_INLINE_BUDGET_MS: '2500',
};
const answer = (body: string): SlackMessage => JSON.parse(body) as SlackMessage;
const PUBLIC_URL = 'https://spillway.example.com';

describe('mesh-wide Slack commands through the real app', { timeout: 60_000 }, () => {
  it('blast: a zone outage on bookinfo lists the impacted backends worst first with the service numbers', async () => {
    const app = await buildTestApp({ ...SLACK_ENV, SPILLWAY_PUBLIC_URL: PUBLIC_URL });
    const uploaded = await uploadExample(app, 'bookinfo-multicluster.yaml');
    const response = await postCommand(app, slackForm('blast us-east/us-east-1a @bookinfo-multicluster'));
    expect(response.statusCode).toBe(200);
    const message = answer(response.body);
    expectWithinSlackLimits(message);
    const text = allText(message);
    const ratings = text.indexOf('`ratings.bookinfo.svc.cluster.local`');
    const productpage = text.indexOf('`productpage.bookinfo.svc.cluster.local`');
    // Worst first: ratings (100 %, its only endpoint is in us-east-1a) before productpage.svc (50 %).
    expect(ratings).toBeGreaterThan(-1);
    expect(productpage).toBeGreaterThan(ratings);
    expect(text).toContain(`*${formatPercent(100)}* errors`);
    expect(text).toContain(`*${formatPercent(50)}* errors`);
    expect(text).toContain('ambient clients in cluster1 (network1), us-east/us-east-1a');
    expect(text).toContain('*2* of 3 backends are impacted');
    // The portal's blast radius view of the same scenario, the snapshot pinned by id (no pair, no sweep).
    expect(message.text.split('\n').at(-1)).toBe(
      `${PUBLIC_URL}/?snapshot=${uploaded.id}&fail=us-east/us-east-1a`,
    );
  });

  it('blast: a locality that matches nothing is said so', async () => {
    const app = await buildTestApp(SLACK_ENV);
    await uploadExample(app, 'httpbin-after.yaml');
    const text = allText(
      answer((await postCommand(app, slackForm('blast mars/mars-1a @httpbin-after'))).body),
    );
    expect(text).toContain('No backend sees errors');
    expect(text).toContain('Nothing on any path matches `mars/mars-1a`');
  });

  it('diff: the httpbin walk-through names the in-ambient backend and what changed', async () => {
    const app = await buildTestApp({ ...SLACK_ENV, SPILLWAY_PUBLIC_URL: PUBLIC_URL });
    const before = await uploadExample(app, 'httpbin-before.yaml');
    const after = await uploadExample(app, 'httpbin-after.yaml');
    const message = answer((await postCommand(app, slackForm('diff httpbin-before httpbin-after'))).body);
    expectWithinSlackLimits(message);
    const text = allText(message);
    expect(text).toContain('Diff: httpbin-before → httpbin-after');
    expect(text).toContain('*1* behaviour changes');
    expect(text).toContain('in-ambient.httpbin: ambient clients in us-east-1/us-east-1a');
    expect(text).toContain('(DestinationRule httpbin/in-ambient-failover added)');
    expect(text).toContain('1 added (SPW0002)');
    // The portal's diff view of the same two snapshots, pinned by id.
    expect(message.text.split('\n').at(-1)).toBe(`${PUBLIC_URL}/?before=${before.id}&after=${after.id}`);
  });

  it('diff: an unknown snapshot is a friendly error', async () => {
    const app = await buildTestApp(SLACK_ENV);
    const text = allText(answer((await postCommand(app, slackForm('diff nope other'))).body));
    expect(text).toContain('nope');
    expect(text).toContain('Usage: `/spillway diff BEFORE AFTER`');
  });
});
