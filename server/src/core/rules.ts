/**
 * The rules: every diagnostic code of the contract, computed for one document from the workspace
 * index. Each diagnostic carries in `data` what a quick fix needs.
 */
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { displayPath } from './paths';
import type { IssueLogOptions, RuleCode, RuleSetting, SeverityName, IssueSeverity } from './config';
import { rangeIn, type DocumentFacts } from './documentFacts';
import { exactDuration, formatAmount, formatDuration, inUnit, parseCadence, parseIsoDate, reviewDue, formatIsoDate } from './durations';
import type { Duration, FieldFact, IssueEntry, Span } from './model';
import { Memo } from './memo';
import { checkLinks } from './linkRules';
import { isPlaceholder } from './status';
import { documentVocabulary, statusDefined, statusWordOf, type Vocabulary } from './vocabulary';
import { averageOf, type Issue, type StatKey, type WorkspaceIndex } from './workspace';
import { registerConflicts, registerMentions } from './registerConflicts';
import { SEVERITIES } from './severity';
import { judgeCount, staleStatMessage } from './statJudgement';
import { conflictInputs, statusConflicts } from './statusConflict';
import { definitionsSeenBy, outsideDefinitionInputs } from './definitionsSeen';
import { ruleDocUrl } from './ruleDocs';
import { applySuppressions, type UnusedSuppressionData } from './suppressions';
import { linksChecked } from './linkFamily';

export const DIAGNOSTIC_SOURCE = 'issue-log';

/** What a quick fix needs: the text to write over a range, when there is one. */
export interface DiagnosticData {
  /** Replace `range` (in the same document) by `newText`. */
  fix?: { range: Range; newText: string; title: string };
  /** For undefined-issue: the ID. */
  id?: string;
  written?: string | number;
  computed?: string | number;
  /**
   * For stale-stat: `computed` is k (the issues known to count; the fix writes it, also above k + u:
   * what is known, never a guess about the unread ones), `unread` is u, `scope` the scope setting.
   */
  unread?: number;
  scope?: IssueLogOptions['scope'];
  /** For status-conflict: the other place that says otherwise. */
  other?: { uri: string; range: Range };
  /** For stale-average: the mean itself, in a unit that states it exactly. */
  mean?: string;
  /** For broken-anchor: the closest anchor of the target, and where the link's destination is. */
  suggestion?: string;
  urlRange?: Range;
  /** For unknown-status: the status word, without decoration, that the quick fix adds to `.issue-log.json`. */
  word?: string;
}

const SEVERITY_VALUE: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What the rules are told with each call: they read no setting from the index. */
export interface RuleOptions {
  /** Per rule: the severity its diagnostics get, or off. */
  readonly severities: Readonly<Record<RuleCode, RuleSetting>>;
  /** YYYY-MM-DD: the date review-overdue judges by. */
  readonly today: string;
  /**
   * The index holds only part of the workspace (the language server while it indexes): report only
   * what cannot change when the other files come in. The rules that need every file (undefined-issue,
   * duplicate-issue, stale-stat, stale-average, sla-breach) are left out; broken-link stays (existence
   * comes from the host), and broken-anchor is checked only against targets already in the index.
   */
  readonly partial: boolean;
}

/** RuleOptions from the resolved settings, the date to judge by and whether the index is still partial. */
export function ruleOptions(options: IssueLogOptions, today: string, partial = false): RuleOptions {
  return { severities: options.rules, today, partial };
}

/** The rules that need the whole workspace: left out of a partial check. */
const WORKSPACE_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>(['undefined-issue', 'duplicate-issue', 'stale-stat', 'stale-average', 'sla-breach']);

function plural(n: number, word: string): string {
  // `word` is already plural: "issues", "resolved issues".
  return n === 1 ? `${n} ${word.replace(/issues$/, 'issue')}` : `${n} ${word}`;
}


type Breach = { field: FieldFact; issue: Issue; sla: Duration };

/**
 * SLA breaches of the whole workspace, by the document that holds the Time to Resolution field. A
 * field is judged by the first log (in index order) whose scope holds its issue and whose table
 * gives an SLA for its severity; each log's breaches are remembered while its scope and table stay.
 */
function slaBreaches(index: WorkspaceIndex): Map<string, Breach[]> {
  return slaCache.get(index, index.version, (previous) => workspaceBreaches(index, previous?.perLog ?? new Map())).map;
}

type LogBreaches = { token: object; slasKey: string; breaches: Breach[] };
const slaCache = new Memo<WorkspaceIndex, { map: Map<string, Breach[]>; perLog: Map<string, LogBreaches> }>();

function workspaceBreaches(index: WorkspaceIndex, perLog: Map<string, LogBreaches>): { map: Map<string, Breach[]>; perLog: Map<string, LogBreaches> } {
  const map = new Map<string, Breach[]>();
  const seen = new Set<FieldFact>();
  for (const log of index.logs()) {
    const slas = new Map<IssueSeverity, Duration>();
    for (const t of log.resolutionTables) for (const r of t.rows) if (r.sla && !slas.has(r.severity)) slas.set(r.severity, r.sla.duration);
    if (slas.size === 0) continue;
    const token = index.scopeToken(log.uri)!;
    const slasKey = [...slas].map(([s, d]) => `${s}:${d.minutes}:${d.amount}:${d.unit}:${d.decimals}`).join(",");
    let mine = perLog.get(log.uri);
    if (!mine || mine.token !== token || mine.slasKey !== slasKey) {
      const breaches: Breach[] = [];
      for (const issue of index.scopeIssues(log.uri)) {
        const ttr = issue.timeToResolution;
        const sla = issue.severity ? slas.get(issue.severity) : undefined;
        // Only a resolved issue's time is judged: an open one's is an estimate (contract v2).
        if (ttr && sla && issue.status === 'resolved' && ttr.duration.minutes > sla.minutes + 1e-9) breaches.push({ field: ttr.field, issue, sla });
      }
      perLog.set(log.uri, (mine = { token, slasKey, breaches }));
    }
    for (const b of mine.breaches) {
      if (seen.has(b.field)) continue;
      seen.add(b.field);
      const uri = b.issue.timeToResolution!.uri;
      let list = map.get(uri);
      if (!list) map.set(uri, (list = []));
      list.push(b);
    }
  }
  return { map, perLog };
}

/**
 * What a document's diagnostics are computed from, besides the document version itself: compared
 * element by element, so that a log none of whose inputs changed keeps its diagnostics.
 */
function inputsOf(index: WorkspaceIndex, doc: DocumentFacts, ctx: RuleOptions): unknown[] {
  // A member of a log's family that is not a log gets the link rules only (linkFamily.ts): they read
  // the structure (existence, ignoreLinks with the options) and the anchors of the documents it links to.
  if (!doc.isLog) return [index, ctx.severities, ctx.partial, index.structureVersion, ...index.linkedDocuments(doc).map((t) => index.get(t)?.anchors)];
  const inputs: unknown[] = [ctx.severities, ctx.today, ctx.partial, index.structureVersion, index.idVersion(true)];
  // The counts and resolution times of its scope, when it has a block or table to check against them.
  if (doc.statistics.length > 0 || doc.resolutionTables.length > 0) {
    const stats = index.scopeStats(doc.uri);
    for (const k in stats.counts) inputs.push(stats.counts[k as StatKey], stats.unread[k as StatKey]);
    inputs.push(index.scopeReach(doc.uri));
    for (const s of SEVERITIES) inputs.push(stats.resolutionTimes[s].count, stats.resolutionTimes[s].micro);
  }
  // A document with a duplicated ID also reads where the other definitions are.
  const seen = definitionsSeenBy(index, doc);
  if (doc.entries.some((e) => e.kind === 'id' && seen(e.id).length > 1)) inputs.push(index.idVersion(), ...outsideDefinitionInputs(index, doc));
  // Its register rows that mention entries elsewhere read those entries (status-conflict).
  // (and the versions of their documents: an edit above an entry moves it, the entry object stays).
  for (const m of registerMentions(index, doc.uri)) inputs.push(m.row, ...m.named.map((l) => l.entry), ...m.named.map((l) => index.get(l.uri)));
  // The anchors of the documents its links point into (its own are the document's).
  for (const target of index.linkedDocuments(doc)) inputs.push(index.get(target)?.anchors);
  // The entries of other documents that its ID entries' References point to (status-conflict).
  inputs.push('refs', ...conflictInputs(index, doc));
  // Its fields over an SLA: what the message and range are made of.
  inputs.push('sla');
  for (const b of slaBreaches(index).get(doc.uri) ?? []) inputs.push(b.field, b.sla, b.issue.severity, b.issue.entries[0].entry.id, b.issue.timeToResolution?.duration.minutes);
  return inputs;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per document version: the diagnostics, with the inputs they were computed from. */
const diagnosticsOf = new Memo<DocumentFacts, { inputs: unknown[]; diagnostics: readonly Diagnostic[] }>();

/**
 * Computes the diagnostics of one document: every rule on an issue log, the link rules on the other
 * documents of a log's family (or on every workspace document with `checkLinks: all`; linkFamily.ts),
 * none on the rest. Recomputed only when the document or something it reads changed; the array is
 * shared: do not change it.
 */
export function computeDiagnostics(index: WorkspaceIndex, uri: string, ctx: RuleOptions): Diagnostic[] {
  const doc = index.get(uri);
  if (!doc || !linksChecked(index, doc)) return [];
  const inputs = inputsOf(index, doc, ctx);
  return diagnosticsOf.get(doc, 0, () => ({ inputs, diagnostics: diagnosticsFor(index, doc, ctx) }), (m) => sameInputs(m.inputs, inputs)).diagnostics as Diagnostic[];
}

function diagnosticsFor(index: WorkspaceIndex, doc: DocumentFacts, ctx: RuleOptions): Diagnostic[] {
  const uri = doc.uri;
  const out: Diagnostic[] = [];
  const rules = ctx.severities;
  const make = (code: RuleCode, fact: Span, message: string, data?: DiagnosticData | UnusedSuppressionData, related?: DiagnosticRelatedInformation[]): Diagnostic | undefined => {
    const setting = rules[code];
    if (setting === 'off') return undefined;
    const d: Diagnostic = { range: rangeIn(doc, fact), severity: SEVERITY_VALUE[setting], code, codeDescription: { href: ruleDocUrl(code) }, source: DIAGNOSTIC_SOURCE, message };
    if (data) d.data = data;
    if (related && related.length > 0) d.relatedInformation = related;
    return d;
  };
  const push = (code: RuleCode, fact: Span, message: string, data?: DiagnosticData, related?: DiagnosticRelatedInformation[]) => {
    const d = make(code, fact, message, data, related);
    if (d) out.push(d);
  };
  const on = (code: RuleCode) => rules[code] !== 'off' && !(ctx.partial && WORKSPACE_RULES.has(code));

  if (on('broken-link') || on('broken-anchor')) checkLinks(index, doc, rules, push);
  // The issue-log rules stay on issue logs.
  if (!doc.isLog) return byPosition(applySuppressions(doc, out, ctx, make));

  const seen = definitionsSeenBy(index, doc);
  if (on('undefined-issue')) {
    for (const m of doc.mentions) {
      if (seen(m.id).length === 0) push('undefined-issue', m, `${m.id} is not defined: no entry heading "${m.id}: …" in the workspace`, { id: m.id });
    }
  }

  if (on('duplicate-issue')) {
    for (const e of doc.entries) {
      if (e.kind !== 'id') continue;
      const all = seen(e.id);
      if (all.length < 2) continue;
      // Contract v2: the same ID twice in one document, or with different titles; the same title in
      // another document is a quotation of the one issue.
      const others = all.filter((o) => o.entry !== e && (o.uri === uri || !sameTitle(o.entry.title, e.title)));
      if (others.length === 0) continue;
      const related = others.map((o) => {
        const od = index.get(o.uri)!;
        return { location: { uri: o.uri, range: rangeIn(od, o.entry.heading) }, message: `${e.id} is also defined here` };
      });
      const where = related.map((r, i) => `${displayPath(index.folders, others[i].uri)}:${r.location.range.start.line + 1}`).join(', ');
      push('duplicate-issue', e.heading, `${e.id} is defined ${others.length + 1} times (also at ${where})`, { id: e.id }, related);
    }
  }

  if (on('status-conflict')) {
    // A register row whose ID a heading entry defines is a mention of that entry: its status and
    // severity cells must agree with it (contract v2, "Register tables").
    for (const c of registerConflicts(index, uri)) {
      const od = index.get(c.other.uri)!;
      const line = rangeIn(od, c.other.entry.heading).start.line;
      const where = `${displayPath(index.folders, c.other.uri)}:${line + 1}`;
      const what = c.status ? `${c.status.row} here and ${c.status.entry} at ${where}` : `${c.severity!.row} here and ${c.severity!.entry} at ${where}`;
      push('status-conflict', c.row.heading, `${c.row.id} is ${what}`, { id: c.row.id, other: { uri: c.other.uri, range: rangeIn(od, c.other.entry.heading) } }, [
        { location: { uri: c.other.uri, range: rangeIn(od, c.other.entry.heading) }, message: `${c.row.id} is defined here` },
      ]);
    }
  }

  if (on('stale-stat') && doc.statistics.length > 0) {
    // The interval rule (contract v2): a count is stale only where the unread issues cannot explain it.
    const stats = index.scopeStats(uri);
    const reach = index.scopeReach(uri);
    for (const block of doc.statistics) {
      for (const item of block.items) {
        const j = judgeCount(stats, item.key, item.written);
        if (!j.stale) continue;
        push('stale-stat', item.field, staleStatMessage(item.field.name, item.written, j, item.key, reach), {
          written: item.written,
          computed: j.k,
          unread: j.u,
          scope: index.options.scope,
          fix: { range: rangeIn(doc, item.field, item.numberStart, item.numberEnd), newText: String(j.k), title: `Write ${j.k} (the count over the log's scope)` },
        });
      }
    }
  }

  if (on('stale-average') && doc.resolutionTables.length > 0) {
    const stats = index.scopeStats(uri);
    for (const table of doc.resolutionTables) {
      for (const row of table.rows) {
        const avg = row.average;
        if (!avg) continue;
        const mean = averageOf(stats, row.severity);
        if (!mean) continue;
        const { unit, decimals, amount } = avg.duration;
        const computed = inUnit(mean.mean, unit, decimals);
        if (Math.abs(computed - amount) < 1e-9) continue;
        const written = formatDuration(amount, unit, decimals);
        const shown = formatDuration(computed, unit, decimals);
        const exact = exactDuration(mean.mean);
        push(
          'stale-average',
          row.row,
          `${row.severity} average says ${written}; the ${plural(mean.count, `resolved ${row.severity} issues`)} with a Time to Resolution average ${exact}${exact === shown ? '' : ` (${shown} as written)`}`,
          {
            written,
            computed: shown,
            mean: exact,
            fix: { range: rangeIn(doc, avg.cell, avg.numberStart, avg.numberEnd), newText: formatAmount(computed, decimals), title: `Write ${shown} (the mean Time to Resolution)` },
          },
        );
      }
    }
  }

  if (on('sla-breach')) {
    for (const b of slaBreaches(index).get(uri) ?? []) {
      const ttr = b.issue.timeToResolution!;
      const id = b.issue.entries[0].entry.id;
      const sla = formatDuration(b.sla.amount, b.sla.unit, b.sla.decimals);
      push('sla-breach', b.field, `${id} took ${b.field.value}, over the ${b.issue.severity} Target SLA of < ${sla}`, {
        written: ttr.duration.minutes,
        computed: b.sla.minutes,
      });
    }
  }

  if (on('status-conflict')) {
    for (const c of statusConflicts(index, doc)) {
      push('status-conflict', c.span, c.message, { other: c.other }, [{ location: c.other, message: 'the same issue, read otherwise here' }]);
    }
  }

  // Status words: the built-in ones, the configured ones and this log's legend's (vocabulary.ts).
  const words = documentVocabulary(index.options, doc);
  for (const e of doc.entries) {
    for (const [f, verdict] of fieldVerdicts(e, words)) {
      if (verdict === 'placeholder') {
        if (on('placeholder')) push('placeholder', f, `${e.id}: ${f.name} is a placeholder (${f.value})`);
        continue;
      }
      if (on('unknown-status')) {
        // data.word: what the quick fix adds to `.issue-log.json` (the value without its decoration).
        push('unknown-status', f, `${e.id}: Status "${f.value}" is neither open-like (Open, In Progress, Blocked, Active, Planned, Deferred…) nor resolved-like (Resolved, Closed, Fixed, Done, Verified, Won't Fix…), and not a word of .issue-log.json or of this log's Status Legend`, { word: statusWordOf(f.value) });
      }
    }
  }

  if (on('review-overdue') && doc.footer.lastUpdated && doc.footer.nextReview) {
    const last = parseIsoDate(doc.footer.lastUpdated.value);
    const cadence = parseCadence(doc.footer.nextReview.value);
    const today = parseIsoDate(ctx.today);
    if (last && cadence && today) {
      const due = reviewDue(last.date, cadence);
      if (today.date.getTime() > due.getTime()) {
        const line = doc.footer.lastUpdated;
        const dateAt = line.valueStart;
        push(
          'review-overdue',
          line,
          `Last Updated ${doc.footer.lastUpdated.value} with a ${cadence} review: the review was due ${formatIsoDate(due)} (today is ${ctx.today})`,
          { written: doc.footer.lastUpdated.value, computed: ctx.today, fix: { range: rangeIn(doc, line, dateAt, dateAt + 10), newText: ctx.today, title: `Set Last Updated to today (${ctx.today})` } },
        );
      }
    }
  }

  return byPosition(applySuppressions(doc, out, ctx, make));
}

function byPosition(out: Diagnostic[]): Diagnostic[] {
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Titles compared trimmed, case-insensitively, with whitespace collapsed (duplicate-issue v2). */
function sameTitle(a: string, b: string): boolean {
  const n = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
  return n(a) === n(b);
}

/** The fields of an entry whose value is a placeholder or an unknown status (remembered per entry object and words). */
type Verdict = [FieldFact, 'placeholder' | 'unknown-status'];
const verdictsOf = new Memo<IssueEntry, { words: Vocabulary; verdicts: readonly Verdict[] }>();
const NO_VERDICTS: readonly Verdict[] = [];

function fieldVerdicts(e: IssueEntry, words: Vocabulary): readonly Verdict[] {
  return verdictsOf.get(
    e,
    0,
    () => {
      let out: Verdict[] | undefined;
      for (const f of e.fields) {
        // An empty Status says nothing (the entry's status comes from elsewhere): not reported.
        const v = isPlaceholder(f.value) ? 'placeholder' : f.name.toLowerCase() === 'status' && f.value.trim() !== '' && !statusDefined(f.value, words) ? 'unknown-status' : undefined;
        if (v) (out ??= []).push([f, v]);
      }
      return { words, verdicts: out ?? NO_VERDICTS };
    },
    (m) => m.words === words,
  ).verdicts;
}

