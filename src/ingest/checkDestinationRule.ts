/**
 * What istiod's validation webhook rejects in a DestinationRule beyond the CRD's OpenAPI types
 * (istio.md §8, `pkg/config/validation/validation.go` `validateOutlierDetection`): `host` is required;
 * outlier-detection durations must parse, be at least 1ms and a whole number of milliseconds;
 * `maxEjectionPercent` and `minHealthPercent` must be within 0..100. The other webhook rules (locality
 * LB combinations, exportTo with a workload selector) are reported by the engine's analyzers, not here.
 */
import { parseDurationMs } from '../engine/index.js';
import type { SchemaIssue } from './kindRegistry.js';
import { joinPointer } from './uploadProblem.js';

export interface SemanticIssue extends SchemaIssue {
  readonly code: 'INVALID_DURATION' | 'INVALID_VALUE' | 'SCHEMA_VIOLATION';
}

const MIN_DURATION_MS = 1;
const MAX_PERCENT = 100;
const DURATION_FIELDS = ['interval', 'baseEjectionTime', 'maxEjectionTime'] as const;
const PERCENT_FIELDS = ['maxEjectionPercent', 'minHealthPercent'] as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOutlierDetection(
  outlier: Readonly<Record<string, unknown>>,
  pointer: string,
  issues: SemanticIssue[],
): void {
  for (const field of DURATION_FIELDS) {
    const text = outlier[field];
    if (typeof text !== 'string') continue;
    const ms = parseDurationMs(text);
    const at = joinPointer(pointer, field);
    if (ms === undefined) {
      issues.push({
        code: 'INVALID_DURATION',
        pointer: at,
        keyword: 'duration',
        message: `"${text}" is not a duration (e.g. 10s, 1m30s, 500ms)`,
      });
    } else if (ms < MIN_DURATION_MS || !Number.isInteger(ms)) {
      issues.push({
        code: 'INVALID_DURATION',
        pointer: at,
        keyword: 'duration',
        message: `"${text}" must be at least 1ms and a whole number of milliseconds`,
      });
    }
  }
  for (const field of PERCENT_FIELDS) {
    const value = outlier[field];
    if (typeof value === 'number' && (value < 0 || value > MAX_PERCENT)) {
      issues.push({
        code: 'INVALID_VALUE',
        pointer: joinPointer(pointer, field),
        keyword: 'range',
        message: `${value} must be between 0 and 100`,
      });
    }
  }
}

function checkTrafficPolicy(policy: unknown, pointer: string, issues: SemanticIssue[]): void {
  if (!isRecord(policy)) return;
  if (isRecord(policy['outlierDetection']))
    checkOutlierDetection(policy['outlierDetection'], joinPointer(pointer, 'outlierDetection'), issues);
  const ports = policy['portLevelSettings'];
  if (Array.isArray(ports))
    ports.forEach((port: unknown, index) =>
      checkTrafficPolicy(port, joinPointer(pointer, 'portLevelSettings', index), issues),
    );
}

/** @example checkDestinationRule({ spec: { host: 'a', trafficPolicy: { outlierDetection: { interval: '10' } } } })[0].code // → 'INVALID_DURATION' */
export function checkDestinationRule(rule: Readonly<Record<string, unknown>>): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const spec = rule['spec'];
  if (!isRecord(spec)) {
    issues.push({ code: 'SCHEMA_VIOLATION', pointer: '/spec', keyword: 'required', message: 'is required' });
    return issues;
  }
  if (spec['host'] === undefined || spec['host'] === '') {
    issues.push({
      code: 'SCHEMA_VIOLATION',
      pointer: '/spec/host',
      keyword: 'required',
      message: 'is required',
    });
  }
  checkTrafficPolicy(spec['trafficPolicy'], '/spec/trafficPolicy', issues);
  const subsets = spec['subsets'];
  if (Array.isArray(subsets)) {
    subsets.forEach((subset: unknown, index) => {
      if (isRecord(subset))
        checkTrafficPolicy(
          subset['trafficPolicy'],
          joinPointer('/spec/subsets', index, 'trafficPolicy'),
          issues,
        );
    });
  }
  return issues;
}
