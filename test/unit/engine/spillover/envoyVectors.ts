// Loads test/vectors/envoy.json (upstream vectors kept in the repository; provenance in its README).
import { readFileSync } from 'node:fs';

/** Expected values are compared with toEqual, so they stay `unknown` until a test narrows them. */
export type Expected = Readonly<Record<string, unknown>>;

export interface EnvoyVector<Input = unknown> {
  readonly id: string;
  readonly kind: 'priority_load' | 'panic' | 'locality' | 'outlier';
  readonly input: Input;
  readonly expected: Expected;
  readonly expected_by_code?: Expected;
  readonly doc_disagrees_with_code?: boolean;
  readonly [key: string]: unknown;
}

export interface PriorityInput {
  readonly total: number;
  readonly healthy: number;
  readonly degraded: number;
  readonly excluded: number;
  readonly weights?: Readonly<Record<string, number[] | undefined>>;
}

export interface PriorityVectorInput {
  readonly overprovisioning_factor: number;
  readonly panic_threshold: number;
  readonly weighted_priority_health: boolean;
  readonly priorities: readonly PriorityInput[];
}

export interface LocalityVectorInput {
  readonly overprovisioning_factor: number;
  readonly localities: readonly { weight: number; total: number; eligible: number; excluded?: number }[];
  readonly picks?: number;
  readonly seed?: number;
}

export interface OutlierEvent {
  readonly t_ms?: number;
  readonly op: string;
  readonly host?: number | 'all';
  readonly codes?: number[] | string;
  readonly results?: string;
  readonly result?: string;
  readonly from_t_ms?: number;
  readonly to_t_ms?: number;
  readonly expect?: Expected;
}

export type ProtoValue = string | number | boolean;

export interface OutlierVectorInput {
  readonly config?: Readonly<Record<string, ProtoValue>>;
  readonly config_variants?: readonly Readonly<Record<string, ProtoValue>>[];
  readonly runtime?: Readonly<Record<string, ProtoValue>>;
  readonly hosts: number;
  readonly events?: readonly OutlierEvent[] | string;
  readonly random?: number;
  readonly envoy_version?: string;
  readonly success_rates?: number[];
  readonly stdev_factor?: number;
}

const VECTORS_URL = new URL('../../../vectors/envoy.json', import.meta.url);

export function loadEnvoyVectors<Input>(kinds: readonly EnvoyVector['kind'][]): EnvoyVector<Input>[] {
  const all = JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as EnvoyVector<Input>[];
  return all.filter((v) => kinds.includes(v.kind));
}
