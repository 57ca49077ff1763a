/**
 * Inline suppressions (contract v2, end of "Rules"), applied once to a document's diagnostics after
 * the rules ran, so the CLI, the server and the quick fixes agree: `issue-log-disable-next-line`
 * (the line after the comment), `issue-log-disable` … `issue-log-enable` (from the disabling
 * comment's line to the enabling one's, or to the end of the file), `issue-log-disable-file`. No code:
 * every rule. A diagnostic is suppressed when its range's start line is covered. A suppression, or
 * one code of it, that suppressed nothing is reported as `unused-suppression`, and so is a code that
 * is not a rule's.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { DiagnosticTag } from 'vscode-languageserver-protocol';
import { RULE_CODES, type RuleCode, type RuleSetting } from './config';
import { rangeIn, type DocumentFacts } from './documentFacts';
import type { Span, SuppressionCode, SuppressionFact } from './model';

export const UNUSED_SUPPRESSION = 'unused-suppression' satisfies RuleCode;

/** What the quick fix that removes an unused suppression needs (suppressFix.ts). */
export interface UnusedSuppressionData {
  /** The whole comment. */
  comment: Range;
  /** The one code to take out of it, when the comment names others that are used. */
  code?: Range;
}

/** Makes a diagnostic as the rules do (undefined when the code is off). */
export type MakeDiagnostic = (code: RuleCode, fact: Span, message: string, data?: UnusedSuppressionData) => Diagnostic | undefined;

export interface SuppressionContext {
  readonly severities: Readonly<Record<RuleCode, RuleSetting>>;
  /** The index is partial: whether a suppression is used is not known yet, so none is called unused. */
  readonly partial: boolean;
}

const KNOWN: ReadonlySet<string> = new Set(RULE_CODES);

/** What made a line suppressed: a comment without codes (every rule), or one code of a comment. */
type Source = SuppressionFact | SuppressionCode;

interface Placed {
  readonly fact: SuppressionFact;
  readonly line: number;
  readonly endLine: number;
}

/**
 * The diagnostics of `doc` that no suppression covers, plus an `unused-suppression` for each
 * suppression that covered none. `diagnostics` is not changed.
 */
export function applySuppressions(doc: DocumentFacts, diagnostics: readonly Diagnostic[], ctx: SuppressionContext, make: MakeDiagnostic): Diagnostic[] {
  if (doc.suppressions.length === 0) return diagnostics.slice();
  const placed: Placed[] = doc.suppressions.map((fact) => {
    const r = rangeIn(doc, fact);
    return { fact, line: r.start.line, endLine: r.end.line };
  });
  const covers = coverage(placed);
  const used = new Set<Source>();
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const by = covers(String(d.code), d.range.start.line, false);
    if (by.length === 0) kept.push(d);
    for (const s of by) used.add(s);
  }

  const reports: Diagnostic[] = [];
  const report = (at: Span, message: string, data: UnusedSuppressionData) => {
    const d = make(UNUSED_SUPPRESSION, at, message, data);
    if (!d) return;
    d.tags = [DiagnosticTag.Unnecessary];
    reports.push(d);
  };
  for (const p of placed) {
    const { fact } = p;
    const name = `issue-log-${fact.kind}`;
    const comment = rangeIn(doc, fact);
    const alone = (c: SuppressionCode) => (fact.codes.length > 1 ? rangeIn(doc, c) : undefined);
    for (const c of fact.codes) {
      if (!KNOWN.has(c.code)) report(c, `"${c.code}" is not a rule code, so ${name} does nothing for it (codes: ${RULE_CODES.join(', ')})`, { comment, code: alone(c) });
    }
    if (fact.kind === 'enable') continue;
    // Whether a suppression is used depends on the whole workspace while the index is partial, and
    // on nothing when its rule is off (a rule turned back on needs it again).
    if (ctx.partial) continue;
    if (fact.codes.length === 0) {
      if (!used.has(fact)) report(fact, `${name} suppresses nothing here`, { comment });
      continue;
    }
    for (const c of fact.codes) {
      if (!KNOWN.has(c.code) || c.code === UNUSED_SUPPRESSION || ctx.severities[c.code as RuleCode] === 'off') continue;
      if (!used.has(c)) report(c, `${name} ${c.code} suppresses nothing here`, { comment, code: alone(c) });
    }
  }
  for (const e of strayEnables(placed)) report(e.at, `issue-log-enable${e.code ? ` ${e.code}` : ''}: nothing is disabled here to enable`, { comment: rangeIn(doc, e.fact), code: e.at !== e.fact && e.fact.codes.length > 1 ? rangeIn(doc, e.at) : undefined });

  // An unused-suppression finding is silenced only by a suppression that names its code: one
  // without codes is what it may be reporting.
  for (const d of reports) if (covers(UNUSED_SUPPRESSION, d.range.start.line, true).length === 0) kept.push(d);
  return kept;
}

/** The suppressions that cover a code on a line; `named`: only those that name the code. */
function coverage(placed: readonly Placed[]): (code: string, line: number, named: boolean) => Source[] {
  const fileWide = placed.filter((p) => p.fact.kind === 'disable-file');
  const nextLine = new Map<number, Placed[]>();
  for (const p of placed) {
    if (p.fact.kind !== 'disable-next-line') continue;
    const list = nextLine.get(p.endLine + 1);
    if (list) list.push(p);
    else nextLine.set(p.endLine + 1, [p]);
  }
  const ranges = placed.filter((p) => p.fact.kind === 'disable' || p.fact.kind === 'enable');
  return (code, line, named) => {
    const out: Source[] = [];
    const take = (p: Placed) => {
      const s = sourceFor(p.fact, code, named);
      if (s) out.push(s);
    };
    for (const p of fileWide) take(p);
    for (const p of nextLine.get(line) ?? []) take(p);
    const s = ranges.length > 0 ? rangeState(ranges, code, line, named) : undefined;
    if (s) out.push(s);
    return out;
  };
}

/** The part of a comment that applies to `code`: the comment itself when it has no codes. */
function sourceFor(fact: SuppressionFact, code: string, named: boolean): Source | undefined {
  if (fact.codes.length === 0) return named ? undefined : fact;
  return fact.codes.find((c) => c.code === code);
}

/**
 * Replays the disable and enable comments that start on `line` or before it (in document order): the
 * one that left `code` disabled, if any. An enabling comment's own line is enabled again.
 */
function rangeState(ranges: readonly Placed[], code: string, line: number, named: boolean): Source | undefined {
  let all: SuppressionFact | undefined;
  const per = new Map<string, SuppressionCode | null>();
  for (const p of ranges) {
    if (p.line > line) break;
    const disable = p.fact.kind === 'disable';
    if (p.fact.codes.length === 0) {
      all = disable && !named ? p.fact : undefined;
      per.clear();
    } else {
      for (const c of p.fact.codes) per.set(c.code, disable ? c : null);
    }
  }
  return (per.has(code) ? per.get(code) : all) ?? undefined;
}

/** The enable comments (or codes of them) that enable nothing: nothing was disabled for them there. */
function strayEnables(placed: readonly Placed[]): { fact: SuppressionFact; at: Span; code?: string }[] {
  const out: { fact: SuppressionFact; at: Span; code?: string }[] = [];
  let all = false;
  const per = new Map<string, boolean>();
  for (const p of placed) {
    const { fact } = p;
    if (fact.kind !== 'disable' && fact.kind !== 'enable') continue;
    const disable = fact.kind === 'disable';
    if (fact.codes.length === 0) {
      if (!disable && !all && ![...per.values()].some((v) => v)) out.push({ fact, at: fact });
      all = disable;
      per.clear();
      continue;
    }
    for (const c of fact.codes) {
      if (!disable && KNOWN.has(c.code) && !(per.get(c.code) ?? all)) out.push({ fact, at: c, code: c.code });
      per.set(c.code, disable);
    }
  }
  return out;
}
