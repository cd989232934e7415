/**
 * Istio's CRDs check duration fields with CEL `duration(self)`, which accepts Go duration strings: one or
 * more decimal numbers, each with a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), e.g. `10s`, `1m30s`,
 * `1.5s`, `500ms`. A bare number (`10`) has no unit and is invalid; so is a negative value.
 */
const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const SEGMENT = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/**
 * Converts a Go-style duration to milliseconds; `undefined` when the text is not a duration.
 *
 * @example parseDurationMs('10s') // → 10000
 * @example parseDurationMs('1m30s') // → 90000
 * @example parseDurationMs('10') // → undefined
 */
export function parseDurationMs(text: string): number | undefined {
  // Go accepts a lone `0` without a unit; every other value needs one.
  if (text === '0') return 0;
  if (text === '') return undefined;
  let totalMs = 0;
  let position = 0;
  while (position < text.length) {
    SEGMENT.lastIndex = position;
    const match = SEGMENT.exec(text);
    if (match === null) return undefined;
    const [whole, amount, unit] = match;
    const perUnit = unit === undefined ? undefined : MS_PER_UNIT[unit];
    if (amount === undefined || perUnit === undefined) return undefined;
    totalMs += Number(amount) * perUnit;
    position += whole.length;
  }
  return Number.isFinite(totalMs) ? totalMs : undefined;
}
