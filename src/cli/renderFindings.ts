/**
 * Findings as `istioctl analyze` prints them (`pkg/config/analysis/diag/message.go`):
 *  - `log`: one line each, `Level [CODE] (Kind name.namespace file:line) message`, with ` [cluster-NAME]`
 *    before the parenthesis when the input holds several clusters;
 *  - `json` / `yaml`: a list of objects with istioctl's keys (`code`, `level`, `origin`, `reference`,
 *    `message`, `documentationUrl`) and Spillway's own (`cluster`, `equivalent`, `resources`).
 */
import { stringify } from 'yaml';
import type { AnalysisReport, Finding } from '../services/analyzeSources.js';

import type { OutputFormat } from './outputFormats.js';

function logLine(finding: Finding, multicluster: boolean): string {
  const cluster = multicluster && finding.cluster !== undefined ? ` [cluster-${finding.cluster}]` : '';
  const place = finding.reference === undefined ? '' : ` ${finding.reference}`;
  const origin = finding.origin === undefined ? '' : ` (${finding.origin}${place})`;
  return `${finding.level} [${finding.code}]${cluster}${origin} ${finding.message}`;
}

/** Output text for the findings of a report, ending with a newline (empty list: `[]` or nothing). */
export function renderFindings(report: AnalysisReport, format: OutputFormat): string {
  switch (format) {
    case 'log':
      return report.findings.map((finding) => `${logLine(finding, report.clusters.length > 1)}\n`).join('');
    case 'json':
      return `${JSON.stringify(report.findings, null, 2)}\n`;
    case 'yaml':
      return stringify(report.findings);
  }
}
