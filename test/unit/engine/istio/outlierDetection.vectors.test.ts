import { describe, expect, it } from 'vitest';
import type { OutlierDetectionSpec } from '../../../../src/engine/model/meshModel.js';
import { panicThreshold, toEnvoyOutlierDetection } from '../../../../src/engine/istio/index.js';
import type { IstioVector } from './istioVectors.js';
import { rows, unhandled } from './istioVectors.js';

const OD_KEY = 'destinationRule.trafficPolicy.outlierDetection';

function replay(v: IstioVector): void {
  const i = v.input;
  const e = v.expected;
  if ('envoyCluster.outlier_detection' in e) {
    expect(toEnvoyOutlierDetection(i[OD_KEY] as OutlierDetectionSpec)).toEqual(
      e['envoyCluster.outlier_detection'],
    );
    return;
  }
  if (Array.isArray(i[OD_KEY])) {
    for (const od of i[OD_KEY] as OutlierDetectionSpec[]) {
      for (const profile of ['ISTIO_1_31', 'ISTIO_1_30', 'SOLO'] as const) {
        expect(panicThreshold({ profile, mode: 'Any', outlierDetection: od }).percent).toBe(
          e['healthyPanicThresholdPercent'],
        );
      }
    }
    return;
  }
  if ('PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS' in i) {
    const r = panicThreshold({
      profile: 'ISTIO_1_31',
      mode: 'Any',
      autoSendUnhealthyEndpoints: i['PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS'],
    });
    expect(r.percent).toBe(e['healthyPanicThresholdPercent']);
    // 1.30 had no AUTO flag: Envoy's default 50 % stays.
    expect(panicThreshold({ profile: 'ISTIO_1_30', mode: 'Any' }).percent).toBe(50);
    return;
  }
  unhandled(v);
}

describe('outlier_detection vectors', () => {
  it.each(rows('outlier_detection'))('%s', (_id, v) => replay(v));
});
