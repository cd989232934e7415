import { describe, expect, it } from 'vitest';
import { renderWhatIf, scenarioText } from '../../../src/slack/renderWhatIf.js';
import { allText, expectWithinSlackLimits } from './slackAssertions.js';
import { makeEndpoint, makeHop, makePolicy, makeWhatIf } from './slackBuilders.js';

const ctx = {
  client: 'httpbin/client-in-ambient',
  backend: 'in-ambient.httpbin',
  snapshot: 'prod',
  responseType: 'ephemeral' as const,
};
const scenario = { ejectEndpoints: ['pod-a', '10.0.0.2'], loadFactor: 1.5 };

describe('renderWhatIf', () => {
  it.each([
    { what: 'the scenario', needle: '*Scenario*: eject pod-a, 10.0.0.2 · load ×1.5' },
    { what: 'error and overflow rates', needle: '*Errors*: 12.5% of requests · *Overflow*: 30%' },
    { what: 'an ejection with its duration', needle: '• `pod-a`: *ejected* for 30s' },
    {
      what: 'a refusal with its reason',
      needle: '• `10.0.0.2`: *refused by cap* — maxEjectionPercent 10 % allows no more ejections',
    },
    { what: 'the ejected endpoint before → after', needle: 'pod-a' },
    { what: 'the model notes', needle: 'Load is modelled as Envoy priority spillover.' },
    { what: 'the snapshot', needle: 'Snapshot prod' },
  ])('shows $what', ({ needle }) => {
    expect(allText(renderWhatIf(makeWhatIf(), scenario, ctx))).toContain(needle);
  });

  it('shows each endpoint as share before → after with its state', () => {
    const text = allText(renderWhatIf(makeWhatIf(), scenario, ctx));
    expect(text).toMatch(/pod-a +us-east-1\/us-east-1a +P0 +50% → 0% +ejected/);
    expect(text).toMatch(/pod-b +us-east-1\/us-east-1a +P0 +50% → 100% +refused by cap/);
    expect(text).toMatch(/P0 +1\/2 +70% +100% → 70%/);
  });

  it('lists endpoints the scenario removed as gone', () => {
    const whatIf = makeWhatIf({
      baseline: makePolicy({
        hops: [makeHop({ endpoints: [makeEndpoint({ name: 'east', sharePercent: 100 })] })],
      }),
      scenario: makePolicy({
        hops: [
          makeHop({
            endpoints: [makeEndpoint({ name: 'west', sharePercent: 100, locality: 'us-west-1/us-west-1a' })],
          }),
        ],
      }),
      ejections: [],
    });
    const text = allText(renderWhatIf(whatIf, { failLocalities: ['us-east-1'] }, ctx));
    expect(text).toMatch(/west +us-west-1\/us-west-1a +P0 +0% → 100% +healthy/);
    expect(text).toMatch(/east +us-east-1\/us-east-1a +P0 +100% → 0% +gone/);
  });

  it('has a plain-text fallback with the rates and outcomes', () => {
    const m = renderWhatIf(makeWhatIf(), scenario, ctx);
    expect(m.text).toContain('Errors 12.5%, overflow 30%');
    expect(m.text).toContain('pod-a: EJECTED');
    expect(m.text).toContain('10.0.0.2: REFUSED_BY_CAP');
  });

  it('stays within Slack limits with many ejections, hops and endpoints', () => {
    const endpoints = Array.from({ length: 300 }, (_, i) =>
      makeEndpoint({ name: `pod-${i}`, sharePercent: 100 / 300 }),
    );
    const policy = makePolicy({ hops: Array.from({ length: 8 }, () => makeHop({ endpoints })) });
    const ejections = Array.from({ length: 40 }, (_, i) => ({
      endpoint: `pod-${i}`,
      outcome: 'EJECTED' as const,
    }));
    const m = renderWhatIf(
      makeWhatIf({ baseline: policy, scenario: policy, ejections }),
      { ejectEndpoints: ejections.map((e) => e.endpoint) },
      ctx,
    );
    expectWithinSlackLimits(m);
    expect(allText(m)).toContain('…and 30 more.');
  });

  it.each([
    [{}, 'no change (baseline)'],
    [{ loadFactor: 2 }, 'load ×2'],
    [{ failLocalities: ['us-east-1/us-east-1a', 'cluster:c2'] }, 'fail us-east-1/us-east-1a, cluster:c2'],
    [{ ejectEndpoints: ['a'], overprovisioningFactor: 100 }, 'eject a · overprovisioning 100%'],
  ])('scenarioText(%j) = %s', (input, expected) => {
    expect(scenarioText(input)).toBe(expected);
  });
});
