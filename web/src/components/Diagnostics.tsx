/** Findings with their stable codes, most severe first. */
import type { Diagnostic, ResourceRef, Severity } from '../api/types';

const RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };
const LABEL: Record<Severity, string> = { ERROR: 'Error', WARNING: 'Warning', INFO: 'Note' };

export function refText(ref: ResourceRef): string {
  const name = ref.namespace === null ? ref.name : `${ref.namespace}/${ref.name}`;
  return `${ref.kind} ${name}${ref.cluster === null ? '' : ` (${ref.cluster})`}`;
}

export function severityCounts(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}

export function SeverityBadges({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  const counts = severityCounts(diagnostics);
  if (diagnostics.length === 0) return <span class="muted">none</span>;
  return (
    <span class="badges">
      {(['ERROR', 'WARNING', 'INFO'] as const)
        .filter((s) => counts[s] > 0)
        .map((s) => (
          <span key={s} class={`badge badge-${s.toLowerCase()}`}>
            {counts[s]} {LABEL[s].toLowerCase()}
            {counts[s] === 1 ? '' : 's'}
          </span>
        ))}
    </span>
  );
}

export function DiagnosticList({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return <p class="muted">No findings.</p>;
  const sorted = [...diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return (
    <ul class="diagnostics">
      {sorted.map((d, index) => (
        <li key={`${d.code}-${index}`} class={`diagnostic diagnostic-${d.severity.toLowerCase()}`}>
          <span class={`badge badge-${d.severity.toLowerCase()}`}>{LABEL[d.severity]}</span>{' '}
          <code>{d.code}</code>
          {d.equivalent !== null && <span class="muted"> ({d.equivalent})</span>} {d.message}
          {d.resources.length > 0 && <span class="muted"> — {d.resources.map(refText).join(', ')}</span>}
        </li>
      ))}
    </ul>
  );
}
