/** What the commands print: diagnostics in the contract's shape, text tables, and RFC 4180 CSV. */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CONFIG_PROBLEM_CODE, lineStartsOf, type ConfigProblem } from '../core/configFile';
import { positionAt } from '../core/positions';

/** One diagnostic as the CLI prints it (the contract's JSON shape). */
export interface Printed {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

const SEVERITY_NAMES = ['error', 'error', 'warning', 'information', 'hint'] as const;

export function toPrinted(d: Diagnostic, file: string): Printed {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_NAMES[d.severity ?? 1],
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}

/** The problems of `.issue-log.json`, printed as its diagnostics (code `config`). */
export function configPrinted(text: string, problems: readonly ConfigProblem[], file: string): Printed[] {
  const starts = lineStartsOf(text);
  return problems.map((p) => {
    const start = positionAt(starts, p.offset);
    const end = positionAt(starts, p.offset + p.length);
    return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: p.severity, code: CONFIG_PROBLEM_CODE, message: p.message };
  });
}

/** Columns padded to their widest cell (at most 48), the last one as it is. */
export function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const fmt = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : (cell.length > widths[c] ? cell.slice(0, widths[c] - 1) + '…' : cell).padEnd(widths[c]))).join('  ');
  return [fmt(header), ...rows.map(fmt)];
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV lines (CRLF-terminated, as RFC 4180 says). */
export function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
