/**
 * `--format junit`: JUnit XML as CI test reports read it (GitLab's `artifacts:reports:junit`, Jenkins'
 * junit step), shaped as ESLint's junit formatter is: one `<testsuite>` per file checked, one
 * `<testcase>` per error or warning with a `<failure>`, and one passing `<testcase>` for a file
 * without either, so every file counts as a test. Information and hints are no failures and no tests:
 * they are listed in the file's `<system-out>`.
 */
import type { CheckResult, Printed } from '../output';
import { TEXT_SEVERITY } from './text';

/** What XML 1.0 cannot hold at all (other controls, lone surrogates, U+FFFE/U+FFFF) becomes U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content and attribute values: `&`, `<`, `>`, quotes escaped; in attributes also tab, CR and LF (kept through attribute normalisation). */
export function escapeXml(s: string, attribute = false): string {
  const out = s.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? out.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : out;
}

const attrs = (a: Record<string, string | number>) => Object.entries(a).map(([k, v]) => ` ${k}="${escapeXml(String(v), true)}"`).join('');

const isFailure = (p: Printed) => p.severity === 'error' || p.severity === 'warning';

/** A file's path as a class name, without its extension (Jenkins reads a dot as a package separator). */
const classname = (file: string) => file.replace(/\.[^./]+$/, '');

const textLine = (p: Printed) => `${p.file}:${p.line}:${p.column} ${TEXT_SEVERITY[p.severity]} ${p.code} ${p.message}`;

function suite(file: string, diagnostics: readonly Printed[]): string[] {
  const failures = diagnostics.filter(isFailure);
  const others = diagnostics.filter((p) => !isFailure(p));
  const cases = failures.map((p) => [
    `    <testcase${attrs({ name: `${p.code} at ${p.line}:${p.column}`, classname: classname(file), file, time: 0 })}>`,
    `      <failure${attrs({ type: p.severity, message: p.message })}>${escapeXml(textLine(p))}</failure>`,
    '    </testcase>',
  ]);
  const lines = [`  <testsuite${attrs({ name: file, tests: Math.max(1, failures.length), failures: failures.length, errors: 0, skipped: 0, time: 0 })}>`];
  if (cases.length === 0) lines.push(`    <testcase${attrs({ name: file, classname: classname(file), file, time: 0 })}/>`);
  for (const c of cases) lines.push(...c);
  if (others.length > 0) lines.push(`    <system-out>${escapeXml(others.map(textLine).join('\n'))}</system-out>`);
  lines.push('  </testsuite>');
  return lines;
}

export function formatJunit(r: CheckResult): string {
  const byFile = new Map<string, Printed[]>(r.files.map((f) => [f, []]));
  for (const p of r.diagnostics) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  const suites = [...byFile].map(([file, list]) => suite(file, list));
  const failures = r.diagnostics.filter(isFailure).length;
  const tests = [...byFile.values()].reduce((n, list) => n + Math.max(1, list.filter(isFailure).length), 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'issue-log', tests, failures, errors: 0, time: 0 })}>`, ...suites.flat(), '</testsuites>', ''].join('\n');
}
