/** `--list-analyzers`: every check with its code, level, istioctl/Kiali equivalent and title. */
import { stringify } from 'yaml';
import type { AnalysisCheck } from '../services/analysisChecks.js';
import { documentationUrl, levelOf } from '../services/analysisChecks.js';
import type { OutputFormat } from './outputFormats.js';

const NO_EQUIVALENT = '-';

export function renderChecks(checks: readonly AnalysisCheck[], format: OutputFormat): string {
  const rows = checks.map((check) => ({
    code: check.code,
    level: levelOf(check.severity),
    ...(check.equivalent === undefined ? {} : { equivalent: check.equivalent }),
    title: check.title,
    documentationUrl: documentationUrl(check.code),
  }));
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'yaml':
      return stringify(rows);
    case 'log': {
      const header = ['CODE', 'LEVEL', 'EQUIVALENT', 'TITLE'];
      const cells = rows.map((row) => [row.code, row.level, row.equivalent ?? NO_EQUIVALENT, row.title]);
      const widths = header.map((title, column) =>
        Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
      );
      return [header, ...cells]
        .map((line) =>
          line
            .map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
            .join('  '),
        )
        .map((line) => `${line}\n`)
        .join('');
    }
  }
}
