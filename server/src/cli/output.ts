/**
 * A diagnostic in the contract's shape (`Printed`, what `--format json` prints), made from the core's
 * diagnostics and `.issue-log.json`'s problems. Each format of check is a file of its own under
 * formats/; the issue lists of list and open are in formats/table.ts (re-exported here).
 */
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

export { csv, csvField, listCsv, listText, textTable } from './formats/table';

/** What `check` found, as each format prints it. */
export interface CheckResult {
  /** Sorted by file, line, column, code (every format keeps this order). */
  diagnostics: Printed[];
  /** Every file reported on, as printed (relative to the current folder), sorted; with or without problems. */
  files: string[];
  /** How many of them are issue logs. */
  logs: number;
  /** The issues under PATH; undefined when only files were named. */
  issues?: { total: number; open: number };
  /** Absolute: the folder printed paths are relative to (the current folder). */
  cwd: string;
  /** Absolute: the workspace root (SARIF's `SRCROOT`). */
  root: string;
  /** --quiet: only errors are in `diagnostics`. */
  quiet: boolean;
}

/** The counts by severity of printed diagnostics. */
export function countBySeverity(list: readonly Printed[]): Record<Printed['severity'], number> {
  const out = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const p of list) out[p.severity]++;
  return out;
}
