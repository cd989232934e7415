/**
 * The mesh-wide answers as text for a terminal or a CI log (`log`: one line per impact or change, worst or
 * first first, then what else the answer says), or the whole answer as JSON or YAML.
 */
import { stringify } from 'yaml';
import type { BlastRadius, Impact, Scenario, SnapshotDiff } from '../engine/index.js';
import type { OutputFormat } from './outputFormats.js';

/** Clients named per impact in the log format before the rest is counted. */
const CLIENTS_NAMED = 3;

function percent(value: number | null): string {
  return value === null ? 'unknown' : `${Number(value.toFixed(1)).toString()}%`;
}

function impactLine(i: Impact): string {
  const clients = i.classes.flatMap((c) => c.clientClass.clients);
  const more =
    clients.length > CLIENTS_NAMED ? ` and ${(clients.length - CLIENTS_NAMED).toString()} more` : '';
  return `${i.backend}  errors ${percent(i.errorPercent)}  saturated ${percent(i.saturatedPercent)}  overflow ${percent(i.overflowPercent)}  for ${i.classes[0]?.clientClass.description ?? ''}: ${clients.slice(0, CLIENTS_NAMED).join(', ')}${more}`;
}

function scenarioWords(s: Scenario): string {
  return [
    `fail ${(s.failLocalities ?? []).join(',')}`,
    ...(s.ejectEndpoints === undefined ? [] : [`eject ${s.ejectEndpoints.join(',')}`]),
    ...(s.failure === undefined ? [] : [`failure ${s.failure}`]),
    ...(s.loadFactor === undefined ? [] : [`load ${s.loadFactor.toString()}`]),
  ].join(' ');
}

function structured(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value);
}

export function renderBlast(answer: BlastRadius, scenario: Scenario, format: OutputFormat): string {
  if (format !== 'log') return structured(answer, format);
  const lines = [
    `Blast radius of ${scenarioWords(scenario)} (profile ${answer.profile}): ${answer.impacts.length.toString()} of ${answer.backendCount.toString()} backends impacted; ${answer.pairs.toString()} client × backend pairs in ${answer.classCount.toString()} client classes.`,
    ...answer.impacts.map(impactLine),
    ...answer.unmatched.map((u) => `Warning: nothing on any path matches "${u}".`),
    ...answer.notes,
  ];
  return `${lines.join('\n')}\n`;
}

/** Behaviour, diagnostics, clients or backends differ. */
export function somethingChanged(d: SnapshotDiff): boolean {
  return (
    d.changes.length +
      d.diagnosticsAdded.length +
      d.diagnosticsResolved.length +
      d.clientsAdded.length +
      d.clientsRemoved.length +
      d.backendsAdded.length +
      d.backendsRemoved.length >
    0
  );
}

export function renderDiff(answer: SnapshotDiff, format: OutputFormat): string {
  if (format !== 'log') return structured(answer, format);
  const named = (label: string, items: readonly string[]): string[] =>
    items.length === 0 ? [] : [`${label}: ${items.join(', ')}`];
  const lines = [
    ...answer.differences,
    answer.changes.length === 0
      ? `No change in effective behaviour across ${answer.pairs.toString()} client × backend pairs.`
      : `${answer.changes.length.toString()} behaviour change(s) across ${answer.pairs.toString()} client × backend pairs:`,
    ...answer.changes.map((c) => `  ${c.summary}`),
    ...answer.diagnosticsAdded.map((d) => `Diagnostic added: [${d.code}] ${d.message}`),
    ...answer.diagnosticsResolved.map((d) => `Diagnostic resolved: [${d.code}] ${d.message}`),
    ...named('Clients only after', answer.clientsAdded),
    ...named('Clients only before', answer.clientsRemoved),
    ...named('Backends only after', answer.backendsAdded),
    ...named('Backends only before', answer.backendsRemoved),
  ];
  return `${lines.join('\n')}\n`;
}
