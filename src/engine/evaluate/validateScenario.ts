/**
 * Checks a whatIf scenario at the engine's edge; every problem is an `INVALID_SCENARIO` EngineError that
 * names the offending value.
 */
import { EngineError } from '../errors.js';
import type { FailureKind, OverloadInput, Scenario } from '../model/answer.js';
import { isValidLoadFactor, NOMINAL_LOAD_FACTOR } from '../load/index.js';
import { FULL_LOAD_PERCENT } from '../spillover/index.js';

export interface ValidScenario {
  readonly ejectEndpoints: readonly string[];
  readonly failLocalities: readonly string[];
  /** How they fail; `HTTP_5XX` unless the scenario says otherwise. */
  readonly failure: FailureKind;
  readonly loadFactor: number;
  readonly overprovisioningFactor?: number;
  readonly utilizationPercent?: number;
  readonly requestsPerSecond?: number;
  readonly latencyMs?: number;
  readonly overload?: Required<OverloadInput>;
}

/** Throws INVALID_SCENARIO unless the optional number is finite and within (0, max]. */
function positive(field: string, value: number | undefined, max = Number.POSITIVE_INFINITY): void {
  if (value === undefined) return;
  if (!(Number.isFinite(value) && value > 0 && value <= max)) {
    const range = Number.isFinite(max) ? `0 < ${field} ≤ ${max.toString()}` : `a finite ${field} > 0`;
    throw new EngineError('INVALID_SCENARIO', `${field} must be ${range}, got ${String(value)}`, {
      field,
      value,
    });
  }
}

/** "region", "region/zone", "region/zone/subzone" or "cluster:NAME". */
export function isValidLocalitySelector(selector: string): boolean {
  if (selector.startsWith('cluster:')) return selector.length > 'cluster:'.length;
  const parts = selector.split('/');
  return parts.length >= 1 && parts.length <= 3 && parts.every((p) => p.trim() !== '');
}

/** Throws INVALID_SCENARIO for a non-positive or non-finite load factor. */
export function validateLoadFactor(loadFactor: number): number {
  if (!isValidLoadFactor(loadFactor)) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `loadFactor must be a finite number > 0, got ${String(loadFactor)}`,
      {
        field: 'loadFactor',
        value: loadFactor,
      },
    );
  }
  return loadFactor;
}

export const DEFAULT_FAILURE_KIND: FailureKind = 'HTTP_5XX';
const FAILURE_KINDS: readonly FailureKind[] = ['HTTP_5XX', 'CONNECT_FAILURE', 'NOT_READY'];

/** Throws INVALID_SCENARIO for a failure kind outside the enum (adapters map their spellings first). */
function validFailure(failure: FailureKind | undefined): FailureKind {
  if (failure === undefined) return DEFAULT_FAILURE_KIND;
  const known = FAILURE_KINDS.find((k) => k === failure);
  if (known === undefined) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `failure must be one of ${FAILURE_KINDS.join(', ')}, got ${String(failure)}`,
      { field: 'failure', value: String(failure) },
    );
  }
  return known;
}

const OVERLOAD_FAILURES: readonly string[] = ['HTTP_5XX', 'TIMEOUT'];

/** `overload.failsAbovePercent` must be a finite percent > 0 (it may exceed 100: endpoints that hold on past capacity). */
function validateOverload(overload: OverloadInput | undefined): Required<OverloadInput> | undefined {
  if (overload === undefined) return undefined;
  positive('overload.failsAbovePercent', overload.failsAbovePercent);
  const as = overload.as ?? 'HTTP_5XX';
  if (!OVERLOAD_FAILURES.includes(as)) {
    throw new EngineError('INVALID_SCENARIO', `overload.as must be HTTP_5XX or TIMEOUT, got ${String(as)}`, {
      field: 'overload.as',
      value: as,
    });
  }
  return { failsAbovePercent: overload.failsAbovePercent, as };
}

/**
 * @example validateScenario({ loadFactor: 0 }) // throws EngineError INVALID_SCENARIO
 */
export function validateScenario(scenario: Scenario): ValidScenario {
  const loadFactor = validateLoadFactor(scenario.loadFactor ?? NOMINAL_LOAD_FACTOR);
  const op = scenario.overprovisioningFactor;
  if (op !== undefined && !(Number.isInteger(op) && op > 0)) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `overprovisioningFactor must be an integer percent > 0, got ${String(op)}`,
      {
        field: 'overprovisioningFactor',
        value: op,
      },
    );
  }
  const ejectEndpoints = scenario.ejectEndpoints ?? [];
  const blank = ejectEndpoints.find((e) => e.trim() === '');
  if (blank !== undefined) {
    throw new EngineError(
      'INVALID_SCENARIO',
      'ejectEndpoints entries must be non-empty endpoint names or addresses',
      {
        field: 'ejectEndpoints',
        value: blank,
      },
    );
  }
  const failLocalities = scenario.failLocalities ?? [];
  const badLocality = failLocalities.find((l) => !isValidLocalitySelector(l));
  if (badLocality !== undefined) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `failLocalities entry "${badLocality}" must be "region", "region/zone", "region/zone/subzone" or "cluster:NAME"`,
      { field: 'failLocalities', value: badLocality },
    );
  }
  const { utilizationPercent, requestsPerSecond, latencyMs } = scenario;
  positive('utilizationPercent', utilizationPercent, FULL_LOAD_PERCENT);
  positive('requestsPerSecond', requestsPerSecond);
  positive('latencyMs', latencyMs);
  const overload = validateOverload(scenario.overload);
  return {
    ejectEndpoints,
    failLocalities,
    failure: validFailure(scenario.failure),
    loadFactor,
    ...(op === undefined ? {} : { overprovisioningFactor: op }),
    ...(utilizationPercent === undefined ? {} : { utilizationPercent }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(overload === undefined ? {} : { overload }),
  };
}
