import { describe, expect, it } from 'vitest';
import { renderWhatIf, scenarioText } from '../../../src/slack/renderWhatIf.js';
import { allText, expectWithinSlackLimits } from './slackAssertions.js';
import { makeEndpoint, makeHop, makePolicy, makeWhatIf, makeZtunnelHop } from './slackBuilders.js';

const ctx = {
  client: 'httpbin/client-in-ambient',
  backend: 'in-ambient.httpbin',
  snapshot: 'prod',
  responseType: 'ephemeral' as const,
};
const scenario = { ejectEndpoints: ['pod-a', '10.0.0.2'], loadFactor: 1.5 };
const LINK = 'https://spillway.example.com/?snapshot=prod&client=a/b&backend=c&eject=pod-a,10.0.0.2&load=1.5';

describe('renderWhatIf', () => {
  it('is the headline, three lines and the link: four blocks, no load-model notes', () => {
    const m = renderWhatIf(makeWhatIf(), scenario, { ...ctx, link: LINK });
    expect(m.blocks?.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(allText({ ...m, blocks: [m.blocks![2]!] }).split('\n')).toHaveLength(3);
    expect(allText(m)).not.toContain('Load is modelled as Envoy priority spillover.');
  });

  it.each([
    { what: 'errors first, then overflow', needle: ':red_circle: *Errors 12.5%* · overflow 30%' },
    { what: 'the scenario', needle: '_eject pod-a, 10.0.0.2 · load ×1.5_' },
    {
      what: 'each ejection outcome',
      needle: '• Ejections: `pod-a` ejected for 30s · `10.0.0.2` refused by cap.',
    },
    {
      what: 'where the traffic moved',
      needle:
        '• Hop 1 (WAYPOINT waypoint [cluster1 · us-east-1/us-east-1a] → `in-ambient.httpbin.svc.cluster.local`): `pod-a` 50% → 0%, `pod-b` 50% → 100%.',
    },
    {
      what: 'what the load does',
      needle: '• Load ×1.5: Envoy and ztunnel move traffic on health only, so shares stay as they are',
    },
    { what: 'the snapshot', needle: 'snapshot prod · profile SOLO' },
    { what: 'the link', needle: `<${LINK.replaceAll('&', '&amp;')}|Open this view in Spillway>` },
  ])('shows $what', ({ needle }) => {
    expect(allText(renderWhatIf(makeWhatIf(), scenario, { ...ctx, link: LINK }))).toContain(needle);
  });

  it('shows saturation in the headline when capacity is known, and says so when it is not', () => {
    const withSaturation = { ...makeWhatIf(), saturatedPercent: 40 };
    expect(allText(renderWhatIf(withSaturation, scenario, ctx))).toContain(
      '*Errors 12.5%* · saturation 40% · overflow 30%',
    );
    const unknown = allText(renderWhatIf({ ...makeWhatIf(), saturatedPercent: null }, scenario, ctx));
    expect(unknown).toContain('*Errors 12.5%* · overflow 30%');
    expect(unknown).toContain('Capacity unknown (no utilizationPercent, no HPA target)');
  });

  it('adds the overload cascade and the HPA to the load line', () => {
    const answer = {
      ...makeWhatIf(),
      saturatedPercent: 25.9,
      cascade: {
        failsAbovePercent: 100,
        as: 'HTTP_5XX' as const,
        outcome: 'OSCILLATING' as const,
        stable: false,
        steps: [],
        errorPercent: 44.4,
        firstSaturationLoadFactor: 1.67,
        firstEjectionLoadFactor: 1.67,
        firstOverflowLoadFactor: null,
        reason: 'flaps',
      },
      autoscalers: [
        {
          autoscaler: { kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'shop' },
          target: 'Deployment/web',
          cpuTargetPercent: 60,
          currentReplicas: 3,
          maxReplicas: 4,
          measuredUtilizationPercent: 90,
          desiredReplicas: 5,
          canAbsorb: false,
          scaleUpSeconds: 0,
          reason: 'r',
        },
      ],
    };
    const text = allText(renderWhatIf(answer, scenario, ctx));
    expect(text).toContain('Overload cascade: oscillating, errors 44.4%; first ejection at ×1.67.');
    expect(text).toContain('HPA web wants 5 replicas (max 4): not enough.');
  });

  it('explains errors by the failing endpoints that still get traffic, and why', () => {
    // Health is stated once: a failing endpoint nothing ejected stays healthy in its proxy's eyes and says
    // `failing: true`.
    const failing = makeEndpoint({ name: 'pod-b', sharePercent: 50, failing: true, address: '10.0.0.2' });
    const ztunnel = {
      ...makeZtunnelHop(),
      endpoints: [makeEndpoint({ name: 'waypoint-1', failing: true, sharePercent: 100 })],
    };
    const whatIf = makeWhatIf({
      scenario: makePolicy({
        hops: [ztunnel, makeHop({ endpoints: [makeEndpoint({ name: 'pod-a', sharePercent: 50 }), failing] })],
      }),
      baseline: makePolicy({ hops: [makeZtunnelHop(), makeHop()] }),
    });
    const text = allText(renderWhatIf(whatIf, scenario, ctx));
    expect(text).toContain(
      '• Failing but serving: `waypoint-1` still gets 100% (no outlier detection on hop 1); `pod-b` still gets 50% (the ejection cap keeps it).',
    );
  });

  it('counts the endpoints a failed locality took off the path', () => {
    const whatIf = makeWhatIf({
      baseline: makePolicy({
        hops: [
          makeHop({
            endpoints: [
              makeEndpoint({ name: 'east', sharePercent: 100 }),
              makeEndpoint({ name: 'west', sharePercent: 0, locality: 'us-west-1/us-west-1a' }),
            ],
          }),
        ],
      }),
      scenario: makePolicy({
        hops: [
          makeHop({
            endpoints: [makeEndpoint({ name: 'west', sharePercent: 100, locality: 'us-west-1/us-west-1a' })],
          }),
        ],
      }),
      ejections: [],
      errorPercent: 0,
      overflowPercent: 0,
    });
    const text = allText(renderWhatIf(whatIf, { failLocalities: ['us-east-1'] }, ctx));
    expect(text).toContain(':large_green_circle: *Errors 0%* · overflow 0%');
    expect(text).toContain('• Failed `us-east-1`: 1 endpoint gone from the path.');
    expect(text).toContain('`west` 0% → 100%');
  });

  it('has a plain-text fallback with the figures, the lines and the link', () => {
    const m = renderWhatIf(makeWhatIf(), scenario, { ...ctx, link: LINK });
    expect(m.text).toContain('Errors 12.5% · overflow 30%');
    expect(m.text).toContain('Ejections: pod-a ejected for 30s · 10.0.0.2 refused by cap.');
    expect(m.text.split('\n').at(-1)).toBe(LINK);
  });

  it('stays small with many ejections, hops and endpoints', () => {
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
    expect(m.blocks).toHaveLength(4);
    expect(allText(m)).toContain('(+37 more)');
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
