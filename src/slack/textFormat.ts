/** Small text helpers shared by the Slack renderers: numbers, references and monospace tables. */
import type { Proxy, ResourceRef, Severity } from '../engine/index.js';

const PERCENT_DECIMALS = 1;

/** `33.3 %`-style numbers without a trailing `.0`, so tables stay narrow. */
export function formatPercent(value: number): string {
  const rounded = Number(value.toFixed(PERCENT_DECIMALS));
  return `${Object.is(rounded, -0) ? 0 : rounded}%`;
}

export function formatFactor(value: number): string {
  return `×${Number(value.toFixed(3))}`;
}

export function formatRef(ref: ResourceRef): string {
  const name = ref.namespace === undefined ? ref.name : `${ref.namespace}/${ref.name}`;
  return `${ref.kind} ${name}${ref.cluster === undefined ? '' : ` (${ref.cluster})`}`;
}

export function formatProxy(proxy: Proxy): string {
  const parts: string[] = [proxy.kind];
  if (proxy.name !== undefined) parts.push(proxy.name);
  else if (proxy.node !== undefined) parts.push(`on ${proxy.node}`);
  const where = [proxy.cluster, proxy.locality?.replace(/\/+$/, '')].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return where.length > 0 ? `${parts.join(' ')} [${where.join(' · ')}]` : parts.join(' ');
}

export const SEVERITY_RANK: { readonly [S in Severity]: number } = { ERROR: 0, WARNING: 1, INFO: 2 };

/** Escapes the three characters Slack's mrkdwn reserves, so names cannot become mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Inline code, with backticks removed so a name cannot close the span. */
export const code = (text: string): string => `\`${escapeMrkdwn(text.replaceAll('`', "'"))}\``;
