/**
 * The outlier-ejection cap and ejection time (envoy.md §7.4–§7.5, `DetectorImpl::ejectHost`,
 * `checkHostForUneject`, `onIntervalTimer`). The cap counts active ejections against **all** hosts the
 * detector monitors — every host of the cluster across every priority — not per priority.
 */
import { FULL_LOAD_PERCENT } from './constants.js';

/**
 * Which `ejectHost` rule a proxy runs (git history of `ejectHost`, envoy.md §7.4):
 * - `ENVOY_1_26`: `100 × active / total < max` — the percentage before this ejection, strict;
 * - `ENVOY_1_27`: the first host always, else `100 × (active + 1) / total ≤ max` (#27624);
 * - `ENVOY_1_28`: `100 × (active + 1) / total ≤ max` for every host (#27909; 1.28–1.30);
 * - `ENVOY_1_31`: as 1.28, plus `always_eject_one_host` restores "first host always" (#34796).
 */
export type EjectionCapRule = 'ENVOY_1_26' | 'ENVOY_1_27' | 'ENVOY_1_28' | 'ENVOY_1_31';

/**
 * Istio 1.30 and 1.31 and the Solo builds ship Envoy ≥ 1.31, and no Istio API sets
 * `always_eject_one_host`, so the ≥ 1.31 rule without it is the default for every profile.
 */
export const DEFAULT_EJECTION_CAP_RULE: EjectionCapRule = 'ENVOY_1_31';

export interface EjectionCapInput {
  readonly rule: EjectionCapRule;
  /** Hosts currently ejected by the detector (EDS-unhealthy hosts do not count). */
  readonly activeEjections: number;
  /** Every host the detector monitors: all priorities, excluded hosts included. */
  readonly totalHosts: number;
  readonly maxEjectionPercent: number;
  readonly alwaysEjectOneHost?: boolean;
}

export interface EjectionCapDecision {
  readonly allowed: boolean;
  /** The arithmetic, for the answer's `reason`. */
  readonly reason: string;
}

function pct(n: number, d: number): string {
  return d > 0 ? `${(Math.round((1000 * n) / d) / 10).toString()} %` : 'n/a';
}

/**
 * Whether the detector may eject one more host. Integer comparisons stand in for Envoy's doubles:
 * `100 × (active + 1) ≤ max × total` is exactly `ejected_percent ≤ max_ejection_percent`.
 *
 * @example ejectionCapDecision({ rule: 'ENVOY_1_31', activeEjections: 0, totalHosts: 3, maxEjectionPercent: 50 }).allowed // → true
 * @example ejectionCapDecision({ rule: 'ENVOY_1_31', activeEjections: 0, totalHosts: 9, maxEjectionPercent: 10 }).allowed // → false
 */
export function ejectionCapDecision(input: EjectionCapInput): EjectionCapDecision {
  const max = Math.min(FULL_LOAD_PERCENT, input.maxEjectionPercent);
  const { activeEjections: active, totalHosts: total } = input;
  const after = active + 1;
  const afterText = `${after.toString()} of ${total.toString()} hosts ejected (${pct(after, total)})`;
  const withinAfter = FULL_LOAD_PERCENT * after <= max * total;
  switch (input.rule) {
    case 'ENVOY_1_26': {
      const allowed = FULL_LOAD_PERCENT * active < max * total;
      const before = `${active.toString()} of ${total.toString()} hosts ejected before this one (${pct(active, total)})`;
      return {
        allowed,
        reason: `${before} ${allowed ? 'is below' : 'is not below'} maxEjectionPercent ${max.toString()} % (Envoy ≤ 1.26 checks the share before ejecting)`,
      };
    }
    case 'ENVOY_1_27': {
      const allowed = active === 0 || withinAfter;
      return {
        allowed,
        reason:
          active === 0
            ? 'Envoy 1.27 always ejects the first host'
            : `${afterText} ${allowed ? 'is within' : 'exceeds'} maxEjectionPercent ${max.toString()} %`,
      };
    }
    case 'ENVOY_1_28':
    case 'ENVOY_1_31': {
      const firstForced = input.rule === 'ENVOY_1_31' && (input.alwaysEjectOneHost ?? false) && active === 0;
      const allowed = withinAfter || firstForced;
      const scope = 'counted across every host of the cluster, all priorities';
      if (firstForced && !withinAfter) {
        return {
          allowed,
          reason: `${afterText} exceeds maxEjectionPercent ${max.toString()} %, but always_eject_one_host ejects the first host`,
        };
      }
      return {
        allowed,
        reason: `${afterText}, ${scope}, ${allowed ? 'is within' : 'exceeds'} maxEjectionPercent ${max.toString()} %`,
      };
    }
  }
}

/**
 * How long the n-th ejection lasts before jitter: `min(base × multiplier, max)` (`checkHostForUneject`).
 * The first ejection has multiplier 1, so it lasts `base`.
 *
 * @example ejectionDurationMs(3, 10_000, 300_000) // → 30_000
 */
export function ejectionDurationMs(
  multiplier: number,
  baseEjectionTimeMs: number,
  maxEjectionTimeMs: number,
): number {
  return Math.min(baseEjectionTimeMs * multiplier, maxEjectionTimeMs);
}

/**
 * The multiplier after one more ejection: it grows while `multiplier × base < max + base`, so it
 * saturates once the duration has reached `max` (`ejectHost`).
 *
 * @example nextEjectionMultiplier(0, 30_000, 300_000) // → 1
 */
export function nextEjectionMultiplier(
  multiplier: number,
  baseEjectionTimeMs: number,
  maxEjectionTimeMs: number,
): number {
  return multiplier * baseEjectionTimeMs < maxEjectionTimeMs + baseEjectionTimeMs
    ? multiplier + 1
    : multiplier;
}

/**
 * The multiplier after one interval tick: it decays by one per tick in which the host is back and at least
 * one interval has passed since it came back (`onIntervalTimer`, Envoy ≥ 1.28).
 *
 * @example decayedEjectionMultiplier(3, true) // → 2
 */
export function decayedEjectionMultiplier(multiplier: number, eligibleForDecay: boolean): number {
  return eligibleForDecay ? Math.max(0, multiplier - 1) : multiplier;
}

/** `CodeUtility::is5xx`: what the consecutive-5xx detector counts. */
export function isHttp5xx(code: number): boolean {
  return code >= 500 && code < 600;
}

/** `CodeUtility::isGatewayError`: 502, 503, 504, what the consecutive-gateway-failure detector counts. */
export function isHttpGatewayError(code: number): boolean {
  return code >= 502 && code <= 504;
}
