/**
 * The link rules (broken-link, broken-anchor) of one document: each link resolved through the index,
 * its finding remembered per link object while the structure and the target's anchors stay.
 */
import type { RuleCode, RuleSetting } from './config';
import { displayPath } from './paths';
import { sourceLines } from './links';
import { capitalisedId } from './anchorMatch';
import { rangeIn, type DocumentFacts } from './documentFacts';
import type { LinkFact, Span } from './model';
import { Memo } from './memo';
import { closest, sameEntryHeading } from './suggest';
import { suggestedLinkPath } from './fileSuggest';
import type { WorkspaceIndex } from './workspace';
import type { DiagnosticData } from './rules';
import { isLinkIgnored } from './ignoredLinks';

/** How a rule reports one finding (rules.ts's push). */
export type Push = (code: RuleCode, fact: Span, message: string, data?: DiagnosticData) => void;

/** What a link check found, without positions (remembered per link object). */
type LinkFinding = { code: 'broken-link' | 'broken-anchor'; message: string; suggestion?: string } | undefined;

/** Per link object, while the structure, the document it is in and the anchors of the document it points
 *  into stay (those anchors are held, not the target's version, which would stay alive with the link). */
const linkFindings = new Memo<LinkFact, { from: string; target?: { uri: string; anchors: DocumentFacts['anchors'] }; finding: LinkFinding }>();

/** Pushes the broken links and anchors of `doc` (a rule that is off is not reported). */
export function checkLinks(index: WorkspaceIndex, doc: DocumentFacts, rules: Readonly<Record<RuleCode, RuleSetting>>, push: Push): void {
  // An unsaved (untitled) document has no folder: its relative links cannot be resolved yet.
  if (!doc.uri.startsWith('file:')) return;
  for (const link of doc.links) {
    if (link.kind === 'autolink') continue;
    const f = linkFindings.get(
      link,
      index.structureVersion,
      // A link that ignoreLinks matches is not checked (the options are part of the structure).
      () => (isLinkIgnored(index, doc.uri, link) ? { from: doc.uri, finding: undefined } : { from: doc.uri, ...findLinkProblem(index, doc, link) }),
      (m) => m.from === doc.uri && (!m.target || index.get(m.target.uri)?.anchors === m.target.anchors),
    ).finding;
    if (!f || rules[f.code] === 'off') continue;
    push(
      f.code,
      link,
      f.message,
      f.suggestion && link.urlStart !== undefined && link.urlEnd !== undefined ? { suggestion: f.suggestion, urlRange: rangeIn(doc, link, link.urlStart, link.urlEnd) } : undefined,
    );
  }
}

function findLinkProblem(index: WorkspaceIndex, doc: DocumentFacts, link: LinkFact): { target?: { uri: string; anchors: DocumentFacts['anchors'] }; finding: LinkFinding } {
  const r = index.resolve(doc.uri, link);
  if (r.kind !== 'internal') return { finding: undefined };
  if (!r.exists) {
    const what = link.kind === 'image' ? 'image' : 'file or folder';
    const encoding = r.badEncoding ? ' (its percent-encoding is invalid, so it was read as written)' : '';
    const suggestion = suggestedLinkPath(index, doc.uri, link.url, r.target);
    const meant = suggestion ? `; did you mean ${suggestion}?` : '';
    return { finding: { code: 'broken-link', message: `No ${what} ${r.path}${encoding} (looked for ${displayPath(index.folders, r.target)})${meant}`, suggestion } };
  }
  if (r.fragment === undefined || r.fragment === '' || r.exists !== 'file') return { finding: undefined };
  const target = index.get(r.target);
  // Files outside the index (not Markdown, outside the workspace, excluded, too large) are not read;
  // nor is one outside the workspace that the editor has open (`check` never reads it).
  if (!target || !r.inWorkspace) return { finding: undefined };
  const held = { uri: target.uri, anchors: target.anchors };
  const lines = r.sourceView ? sourceLines(r.fragment, target) : undefined;
  if (lines && !lines.exist) return { target: held, finding: { code: 'broken-anchor', message: `No line ${r.fragment.slice(1)} in the source view of ${r.target === doc.uri ? 'this file' : r.path} (it has ${lines.count} lines)` } };
  if (lines) return { target: held, finding: undefined };
  const match = index.anchorMatch(target, r.fragment);
  if (match === 'found') return { target: held, finding: undefined };
  if (match === 'capitalised') {
    return { target: held, finding: { code: 'broken-anchor', message: `#${r.fragment} names a capitalised HTML id in ${r.target === doc.uri ? 'this file' : r.path}, which GitHub cannot reach: it prefixes ids as written and looks fragments up in lower case (write the id in lower case, or link #user-content-${capitalisedId(target, r.fragment)})` } };
  }
  const suggestion = sameEntryHeading(r.fragment, target) ?? closest(r.fragment, target.anchors);
  const where = r.target === doc.uri ? 'this file' : r.path;
  return { target: held, finding: { code: 'broken-anchor', message: `No heading or HTML id #${r.fragment} in ${where}${suggestion ? `; did you mean #${suggestion}?` : ''}`, suggestion } };
}
