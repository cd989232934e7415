/** Numbers as people read them: every value with its unit, no float noise. */

const NARROW_SPACE = '\u202f';

export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Number(value.toFixed(digits));
  return `${Object.is(rounded, -0) ? 0 : rounded}${NARROW_SPACE}%`;
}

export function factor(value: number): string {
  return `×${Number(value.toFixed(3))}`;
}

export function seconds(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Number(value.toFixed(1))}${NARROW_SPACE}s`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `region/zone/` with an empty subzone reads `region/zone`; an empty locality says so. */
export function locality(value: string | null | undefined): string {
  const trimmed = (value ?? '').replace(/\/+$/, '');
  return trimmed === '' ? 'no locality' : trimmed;
}

export function words(constant: string): string {
  return constant.replaceAll('_', ' ').toLowerCase();
}
