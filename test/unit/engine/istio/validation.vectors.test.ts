import { describe, expect, it } from 'vitest';
import type { OutlierDetectionSpec } from '../../../../src/engine/model/meshModel.js';
import {
  validateLoadBalancer,
  validateLocalityLbSetting,
  validateOutlierDetection,
  validateZoneAwareLbSetting,
} from '../../../../src/engine/istio/index.js';
import type { ValidationResult } from '../../../../src/engine/istio/index.js';
import type { IstioVector } from './istioVectors.js';
import { rows, unhandled } from './istioVectors.js';

const MS_PER_SECOND = 1000;

/** API outlier detection (durations as `"2.5s"`) → the normalized model (milliseconds). */
function normalizeOutlier(raw: Record<string, unknown> | null | undefined): OutlierDetectionSpec | undefined {
  if (raw === null || raw === undefined) return undefined;
  const out: Record<string, unknown> = { ...raw };
  for (const [api, model] of [
    ['interval', 'intervalMs'],
    ['baseEjectionTime', 'baseEjectionTimeMs'],
  ] as const) {
    const v = out[api];
    if (typeof v === 'string') {
      out[model] = Number(v.replace(/s$/, '')) * MS_PER_SECOND;
      delete out[api];
    }
  }
  return out;
}

function validate(v: IstioVector): ValidationResult {
  const i = v.input;
  const od = normalizeOutlier(i['outlierDetection']);
  if ('localityLbSetting' in i) return validateLocalityLbSetting(i['localityLbSetting'] ?? undefined, od);
  if ('zoneAwareLbSetting' in i) return validateZoneAwareLbSetting(i['zoneAwareLbSetting'], od);
  if ('loadBalancer' in i) return validateLoadBalancer(i['loadBalancer'], od);
  if ('outlierDetection' in i) return validateOutlierDetection(od);
  return unhandled(v);
}

describe('validation vectors', () => {
  it.each(rows('validation'))('%s', (_id, v) => {
    const r = validate(v);
    const e = v.expected;
    if ('error' in e) expect(r.errors.length > 0).toBe(e['error']);
    if ('valid' in e) expect(r.errors.length === 0).toBe(e['valid']);
    if ('warning' in e) expect(r.warnings.length > 0).toBe(e['warning']);
    expect('error' in e || 'valid' in e).toBe(true);
  });
});
