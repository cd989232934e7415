/**
 * A deterministic replay of Envoy's outlier detector for one cluster (envoy.md §7,
 * `outlier_detection_impl.cc`): per-host consecutive-error counters, the main-thread ejection with its cap
 * and enforcement, interval ticks that uneject and decay the multiplier, success-rate and
 * failure-percentage passes, and active-health-check unejection. Time is given with each call; randomness
 * (jitter, partial enforcement) comes from an injected generator, so the same calls give the same state.
 * A test oracle: it replays the outlier vectors event by event; the engine's what-if uses the ejection
 * rules it shares (`outlierEjection.ts`, `outlierConfig.ts`), not this simulation.
 */
import {
  DEFAULT_EJECTION_CAP_RULE,
  decayedEjectionMultiplier,
  isHttp5xx,
  isHttpGatewayError,
  ejectionCapDecision,
  ejectionDurationMs,
  nextEjectionMultiplier,
} from '../../../../../src/engine/spillover/index.js';
import {
  FULL_LOAD_PERCENT,
  type EjectionCapRule,
  type OutlierDetectorConfig,
} from '../../../../../src/engine/spillover/index.js';
import { successRateEjectionThreshold } from './successRate.js';

export type OutlierEjectionType =
  | 'CONSECUTIVE_5XX'
  | 'CONSECUTIVE_GATEWAY_FAILURE'
  | 'CONSECUTIVE_LOCAL_ORIGIN_FAILURE'
  | 'SUCCESS_RATE'
  | 'SUCCESS_RATE_LOCAL_ORIGIN'
  | 'FAILURE_PERCENTAGE'
  | 'FAILURE_PERCENTAGE_LOCAL_ORIGIN';

/** Envoy's `Outlier::Result`. */
export type OutlierResult =
  | 'EXT_ORIGIN_REQUEST_SUCCESS'
  | 'EXT_ORIGIN_REQUEST_FAILED'
  | 'LOCAL_ORIGIN_CONNECT_SUCCESS'
  | 'LOCAL_ORIGIN_CONNECT_SUCCESS_FINAL'
  | 'LOCAL_ORIGIN_TIMEOUT'
  | 'LOCAL_ORIGIN_CONNECT_FAILED';

export interface OutlierLogEntry {
  readonly atMs: number;
  readonly host: number;
  readonly action: 'EJECT' | 'UNEJECT' | 'DETECTED_NOT_ENFORCED' | 'OVERFLOW';
  readonly type?: OutlierEjectionType;
}

export interface OutlierDetectorOptions {
  readonly rule?: EjectionCapRule;
  /** Envoy's `random()`: jitter and partial enforcement. Defaults to a generator that always returns 0. */
  readonly random?: () => number;
}

interface Bucket {
  success: number;
  total: number;
}

interface HostMonitor {
  present: boolean;
  ejected: boolean;
  consecutive5xx: number;
  consecutiveGateway: number;
  consecutiveLocal: number;
  numEjections: number;
  lastEjectionMs: number | undefined;
  lastUnejectionMs: number | undefined;
  multiplier: number;
  jitterMs: number;
  external: { current: Bucket; evaluated: Bucket };
  local: { current: Bucket; evaluated: Bucket };
  externalSuccessRate: number;
  localSuccessRate: number;
}

/** Stat suffixes as Envoy names them (`ALL_OUTLIER_DETECTION_STATS`). */
const STAT_SUFFIX: Readonly<Record<OutlierEjectionType, string>> = {
  CONSECUTIVE_5XX: 'consecutive_5xx',
  CONSECUTIVE_GATEWAY_FAILURE: 'consecutive_gateway_failure',
  CONSECUTIVE_LOCAL_ORIGIN_FAILURE: 'consecutive_local_origin_failure',
  SUCCESS_RATE: 'success_rate',
  SUCCESS_RATE_LOCAL_ORIGIN: 'local_origin_success_rate',
  FAILURE_PERCENTAGE: 'failure_percentage',
  FAILURE_PERCENTAGE_LOCAL_ORIGIN: 'local_origin_failure_percentage',
};

const HTTP_OK = 200;
const HTTP_INTERNAL_SERVER_ERROR = 500;
const HTTP_SERVICE_UNAVAILABLE = 503;
const HTTP_GATEWAY_TIMEOUT = 504;

/** `resultToHttpCode` (non-split mode); undefined for `LOCAL_ORIGIN_CONNECT_SUCCESS`, which is ignored. */
export function resultToHttpCode(result: OutlierResult): number | undefined {
  switch (result) {
    case 'EXT_ORIGIN_REQUEST_SUCCESS':
    case 'LOCAL_ORIGIN_CONNECT_SUCCESS_FINAL':
      return HTTP_OK;
    case 'LOCAL_ORIGIN_TIMEOUT':
      return HTTP_GATEWAY_TIMEOUT;
    case 'LOCAL_ORIGIN_CONNECT_FAILED':
      return HTTP_SERVICE_UNAVAILABLE;
    case 'EXT_ORIGIN_REQUEST_FAILED':
      return HTTP_INTERNAL_SERVER_ERROR;
    case 'LOCAL_ORIGIN_CONNECT_SUCCESS':
      return undefined;
  }
}

function newMonitor(): HostMonitor {
  return {
    present: true,
    ejected: false,
    consecutive5xx: 0,
    consecutiveGateway: 0,
    consecutiveLocal: 0,
    numEjections: 0,
    lastEjectionMs: undefined,
    lastUnejectionMs: undefined,
    multiplier: 0,
    jitterMs: 0,
    external: { current: { success: 0, total: 0 }, evaluated: { success: 0, total: 0 } },
    local: { current: { success: 0, total: 0 }, evaluated: { success: 0, total: 0 } },
    externalSuccessRate: -1,
    localSuccessRate: -1,
  };
}

export class OutlierDetectorSimulation {
  private readonly hosts: HostMonitor[];
  private readonly rule: EjectionCapRule;
  private readonly random: () => number;
  private readonly counters = new Map<string, number>();
  private readonly log: OutlierLogEntry[] = [];
  private activeEjections = 0;
  private nowMs = 0;

  constructor(
    private readonly config: OutlierDetectorConfig,
    hostCount: number,
    options: OutlierDetectorOptions = {},
  ) {
    this.hosts = Array.from({ length: hostCount }, newMonitor);
    this.rule = options.rule ?? DEFAULT_EJECTION_CAP_RULE;
    this.random = options.random ?? ((): number => 0);
  }

  // ----- queries ---------------------------------------------------------------------------------------

  isEjected(host: number): boolean {
    return this.monitor(host).ejected;
  }

  get ejectionsActive(): number {
    return this.activeEjections;
  }

  /** An Envoy counter by its name without the `outlier_detection.` prefix, e.g. `ejections_total`. */
  stat(name: string): number {
    return name === 'ejections_active' ? this.activeEjections : (this.counters.get(name) ?? 0);
  }

  jitterMs(host: number): number {
    return this.monitor(host).jitterMs;
  }

  /** The success rate recorded at the last tick (-1 when the host had too few requests). */
  externalSuccessRate(host: number): number {
    return this.monitor(host).externalSuccessRate;
  }

  multiplier(host: number): number {
    return this.monitor(host).multiplier;
  }

  get events(): readonly OutlierLogEntry[] {
    return this.log;
  }

  // ----- inputs ----------------------------------------------------------------------------------------

  /** `DetectorHostMonitorImpl::putHttpResponseCode`. */
  putHttpResponseCode(host: number, code: number, atMs: number = this.nowMs): void {
    this.nowMs = atMs;
    const m = this.monitor(host);
    m.external.current.total += 1;
    if (!isHttp5xx(code)) {
      m.external.current.success += 1;
      m.consecutive5xx = 0;
      m.consecutiveGateway = 0;
      return;
    }
    // Gateway first, then 5xx, as Envoy checks them; each fires only when its count equals the threshold.
    if (isHttpGatewayError(code)) {
      m.consecutiveGateway += 1;
      if (m.consecutiveGateway === this.config.consecutiveGatewayFailure) {
        this.onConsecutiveError(host, 'CONSECUTIVE_GATEWAY_FAILURE');
      }
    } else {
      m.consecutiveGateway = 0;
    }
    m.consecutive5xx += 1;
    if (m.consecutive5xx === this.config.consecutive5xx) this.onConsecutiveError(host, 'CONSECUTIVE_5XX');
  }

  /**
   * `putResult`: without the external/local split every result becomes an HTTP code (an explicit code
   * wins); with the split, connect failures and timeouts feed the local-origin counter instead.
   */
  putResult(host: number, result: OutlierResult, code?: number, atMs: number = this.nowMs): void {
    this.nowMs = atMs;
    if (!this.config.splitExternalLocalOriginErrors) {
      const http = code ?? resultToHttpCode(result);
      if (http !== undefined) this.putHttpResponseCode(host, http, atMs);
      return;
    }
    const m = this.monitor(host);
    switch (result) {
      case 'LOCAL_ORIGIN_CONNECT_SUCCESS':
      case 'LOCAL_ORIGIN_CONNECT_SUCCESS_FINAL':
        this.localOriginSuccess(m);
        return;
      case 'LOCAL_ORIGIN_TIMEOUT':
      case 'LOCAL_ORIGIN_CONNECT_FAILED':
        m.local.current.total += 1;
        m.consecutiveLocal += 1;
        if (m.consecutiveLocal === this.config.consecutiveLocalOriginFailure) {
          this.onConsecutiveError(host, 'CONSECUTIVE_LOCAL_ORIGIN_FAILURE');
        }
        return;
      case 'EXT_ORIGIN_REQUEST_FAILED':
        this.putHttpResponseCode(host, HTTP_SERVICE_UNAVAILABLE, atMs);
        return;
      case 'EXT_ORIGIN_REQUEST_SUCCESS':
        this.putHttpResponseCode(host, HTTP_OK, atMs);
        this.localOriginSuccess(m);
        return;
    }
  }

  /** `DetectorImpl::onIntervalTimer` at `atMs`. */
  intervalTick(atMs: number): void {
    this.nowMs = atMs;
    this.hosts.forEach((m, host) => {
      if (!m.present) return;
      this.checkForUneject(host, m);
      for (const origin of [m.external, m.local]) {
        // The bucket just filled becomes the evaluated one; the old evaluated bucket is cleared for writing.
        const filled = origin.current;
        origin.current = { success: 0, total: 0 };
        origin.evaluated = filled;
      }
      m.externalSuccessRate = -1;
      m.localSuccessRate = -1;
    });
    this.processSuccessRate('EXTERNAL');
    this.processSuccessRate('LOCAL');
    for (const m of this.hosts) {
      if (!m.present || m.ejected) continue;
      const decays = m.lastUnejectionMs !== undefined && atMs - m.lastUnejectionMs >= this.config.intervalMs;
      m.multiplier = decayedEjectionMultiplier(m.multiplier, decays);
    }
  }

  /** An active health check result: a passing check unejects at once unless configured otherwise (`initialize`). */
  activeHealthCheck(host: number, healthy: boolean, atMs: number = this.nowMs): void {
    this.nowMs = atMs;
    const m = this.monitor(host);
    if (healthy && this.config.successfulActiveHealthCheckUnejectHost && m.ejected) this.uneject(host, m);
  }

  /** Hosts leaving the cluster release their active ejections (`addMemberUpdateCb`). */
  removeHosts(hosts: readonly number[]): void {
    for (const host of hosts) {
      const m = this.monitor(host);
      if (m.ejected) this.activeEjections -= 1;
      m.ejected = false;
      m.present = false;
    }
  }

  // ----- internals -------------------------------------------------------------------------------------

  private monitor(host: number): HostMonitor {
    const m = this.hosts[host];
    if (m === undefined)
      throw new Error(`Invariant violation: host ${host.toString()} is not in the cluster`);
    return m;
  }

  private get monitoredHosts(): number {
    return this.hosts.filter((m) => m.present).length;
  }

  private bump(name: string): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + 1);
  }

  private localOriginSuccess(m: HostMonitor): void {
    m.local.current.total += 1;
    m.local.current.success += 1;
    m.consecutiveLocal = 0;
  }

  /** `onConsecutiveErrorWorker`: ignored for an ejected host; otherwise detect, try to eject, reset that counter. */
  private onConsecutiveError(host: number, type: OutlierEjectionType): void {
    const m = this.monitor(host);
    if (!m.present || m.ejected) return;
    this.bump(`ejections_detected_${STAT_SUFFIX[type]}`);
    this.ejectHost(host, type);
    if (type === 'CONSECUTIVE_5XX') {
      this.bump('ejections_consecutive_5xx');
      m.consecutive5xx = 0;
    } else if (type === 'CONSECUTIVE_GATEWAY_FAILURE') {
      m.consecutiveGateway = 0;
    } else if (type === 'CONSECUTIVE_LOCAL_ORIGIN_FAILURE') {
      m.consecutiveLocal = 0;
    }
  }

  private enforcingPercent(type: OutlierEjectionType): number {
    const c = this.config;
    switch (type) {
      case 'CONSECUTIVE_5XX':
        return c.enforcingConsecutive5xx;
      case 'CONSECUTIVE_GATEWAY_FAILURE':
        return c.enforcingConsecutiveGatewayFailure;
      case 'CONSECUTIVE_LOCAL_ORIGIN_FAILURE':
        return c.enforcingConsecutiveLocalOriginFailure;
      case 'SUCCESS_RATE':
        return c.enforcingSuccessRate;
      case 'SUCCESS_RATE_LOCAL_ORIGIN':
        return c.enforcingLocalOriginSuccessRate;
      case 'FAILURE_PERCENTAGE':
        return c.enforcingFailurePercentage;
      case 'FAILURE_PERCENTAGE_LOCAL_ORIGIN':
        return c.enforcingFailurePercentageLocalOrigin;
    }
  }

  /** `SnapshotImpl::featureEnabled`: 0 never, ≥ 100 always, otherwise `random() % 100 < percent`. */
  private enforced(type: OutlierEjectionType): boolean {
    const percent = this.enforcingPercent(type);
    if (percent <= 0) return false;
    if (percent >= FULL_LOAD_PERCENT) return true;
    return this.random() % FULL_LOAD_PERCENT < percent;
  }

  /** `DetectorImpl::ejectHost`. */
  private ejectHost(host: number, type: OutlierEjectionType): void {
    const m = this.monitor(host);
    const decision = ejectionCapDecision({
      rule: this.rule,
      activeEjections: this.activeEjections,
      totalHosts: this.monitoredHosts,
      maxEjectionPercent: this.config.maxEjectionPercent,
      alwaysEjectOneHost: this.config.alwaysEjectOneHost,
    });
    if (!decision.allowed) {
      this.bump('ejections_overflow');
      this.log.push({ atMs: this.nowMs, host, action: 'OVERFLOW', type });
      return;
    }
    if (type === 'CONSECUTIVE_5XX' || type === 'SUCCESS_RATE') this.bump('ejections_total');
    if (!this.enforced(type)) {
      this.log.push({ atMs: this.nowMs, host, action: 'DETECTED_NOT_ENFORCED', type });
      return;
    }
    this.activeEjections += 1;
    this.bump('ejections_enforced_total');
    this.bump(`ejections_enforced_${STAT_SUFFIX[type]}`);
    m.ejected = true;
    m.numEjections += 1;
    m.lastEjectionMs = this.nowMs;
    m.jitterMs = this.random() % (this.config.maxEjectionTimeJitterMs + 1);
    m.multiplier = nextEjectionMultiplier(
      m.multiplier,
      this.config.baseEjectionTimeMs,
      this.config.maxEjectionTimeMs,
    );
    this.log.push({ atMs: this.nowMs, host, action: 'EJECT', type });
  }

  /** `checkHostForUneject`: back once `min(base × multiplier, max) + jitter` has elapsed. */
  private checkForUneject(host: number, m: HostMonitor): void {
    if (!m.ejected || m.lastEjectionMs === undefined) return;
    const duration = ejectionDurationMs(
      m.multiplier,
      this.config.baseEjectionTimeMs,
      this.config.maxEjectionTimeMs,
    );
    if (duration + m.jitterMs <= this.nowMs - m.lastEjectionMs) this.uneject(host, m);
  }

  /** `unejectHost`: clear the flag and every consecutive counter. */
  private uneject(host: number, m: HostMonitor): void {
    this.activeEjections -= 1;
    m.ejected = false;
    m.consecutive5xx = 0;
    m.consecutiveGateway = 0;
    m.consecutiveLocal = 0;
    m.lastUnejectionMs = this.nowMs;
    this.log.push({ atMs: this.nowMs, host, action: 'UNEJECT' });
  }

  /** `processSuccessRateEjections` for one origin, on the bucket filled during the previous interval. */
  private processSuccessRate(origin: 'EXTERNAL' | 'LOCAL'): void {
    const c = this.config;
    const monitored = this.monitoredHosts;
    if (monitored < c.successRateMinimumHosts && monitored < c.failurePercentageMinimumHosts) return;
    const srHosts: { host: number; rate: number }[] = [];
    const fpHosts: { host: number; rate: number }[] = [];
    this.hosts.forEach((m, host) => {
      if (!m.present || m.ejected) return;
      const bucket = origin === 'EXTERNAL' ? m.external.evaluated : m.local.evaluated;
      if (bucket.total === 0) return;
      const rate = (bucket.success * 100.0) / bucket.total;
      if (bucket.total >= Math.min(c.successRateRequestVolume, c.failurePercentageRequestVolume)) {
        if (origin === 'EXTERNAL') m.externalSuccessRate = rate;
        else m.localSuccessRate = rate;
      }
      if (bucket.total >= c.successRateRequestVolume) srHosts.push({ host, rate });
      if (bucket.total >= c.failurePercentageRequestVolume) fpHosts.push({ host, rate });
    });
    if (srHosts.length > 0 && srHosts.length >= c.successRateMinimumHosts) {
      const { threshold } = successRateEjectionThreshold(
        srHosts.map((h) => h.rate),
        c.successRateStdevFactor / 1000.0,
      );
      for (const h of srHosts) {
        if (h.rate < threshold && !this.monitor(h.host).ejected) {
          const type: OutlierEjectionType =
            origin === 'EXTERNAL' ? 'SUCCESS_RATE' : 'SUCCESS_RATE_LOCAL_ORIGIN';
          this.bump(`ejections_detected_${STAT_SUFFIX[type]}`);
          this.ejectHost(h.host, type);
        }
      }
    }
    if (fpHosts.length > 0 && fpHosts.length >= c.failurePercentageMinimumHosts) {
      for (const h of fpHosts) {
        if (100.0 - h.rate >= c.failurePercentageThreshold && !this.monitor(h.host).ejected) {
          const type: OutlierEjectionType =
            origin === 'EXTERNAL' ? 'FAILURE_PERCENTAGE' : 'FAILURE_PERCENTAGE_LOCAL_ORIGIN';
          this.bump(`ejections_detected_${STAT_SUFFIX[type]}`);
          this.ejectHost(h.host, type);
        }
      }
    }
  }
}
