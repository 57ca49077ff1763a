/**
 * Whether a `#fragment` reaches an anchor of a page as GitHub serves it (contract v2, "Links and
 * anchors"; docs/format.md lists the rules with their sources). GitHub's sanitizer prefixes every HTML
 * `id` and `name` with `user-content-`, as written; its page script then looks a fragment up as
 * `user-content-` + the fragment in lower case, and the browser's own lookup matches an id exactly.
 * Heading ids are lower-case slugs, so any casing reaches them; a capitalised HTML id
 * (`<a name="S-introduction">`) is reached only as `#user-content-S-introduction` (github/markup#1627).
 * With case-sensitive anchors (GitLab and most static-site renderers) every id matches as written.
 */
import type { DocumentFacts } from './documentFacts';
import { Memo } from './memo';

const TOP = /^top$/i;
const PREFIX = 'user-content-';

/** `found`; `missing`; or `capitalised`: only a capitalised HTML id matches, which GitHub cannot reach this way. */
export type AnchorMatch = 'found' | 'missing' | 'capitalised';

type Lookup = { headingIds: ReadonlySet<string>; htmlIds: ReadonlySet<string>; htmlIdsLower: ReadonlySet<string> };

/** Per anchor set: a new version with the same headings and ids shares `anchors` (documentFacts.ts). */
const lookups = new Memo<ReadonlySet<string>, Lookup>({ weak: true });

function lookupOf(doc: DocumentFacts): Lookup {
  return lookups.get(doc.anchors, 0, () => {
    const headingIds = new Set<string>();
    for (const h of doc.headings) headingIds.add(h.slug.toLowerCase());
    const htmlIds = new Set<string>();
    const htmlIdsLower = new Set<string>();
    for (const h of doc.htmlIds) {
      htmlIds.add(h.id);
      htmlIdsLower.add(h.id.toLowerCase());
    }
    return { headingIds, htmlIds, htmlIdsLower };
  });
}

/** How `fragment` (decoded, without `#`) matches the anchors of `doc`. */
export function matchAnchor(doc: DocumentFacts, fragment: string, caseSensitive: boolean): AnchorMatch {
  // `#top`, in any case, is the top of every page (HTML's rule; GitHub follows it). `#readme` is the
  // element GitHub and GitLab wrap a rendered Markdown file in (remark-validate-links' `topAnchor`).
  if (TOP.test(fragment) || fragment === 'readme') return 'found';
  const stripped = fragment.startsWith(PREFIX) ? fragment.slice(PREFIX.length) : undefined;
  if (caseSensitive) return doc.anchors.has(fragment) || (stripped !== undefined && doc.anchors.has(stripped)) ? 'found' : 'missing';
  const { headingIds, htmlIds, htmlIdsLower } = lookupOf(doc);
  const lower = fragment.toLowerCase();
  const lowerStripped = stripped?.toLowerCase();
  if (headingIds.has(lower) || (lowerStripped !== undefined && headingIds.has(lowerStripped))) return 'found';
  // The page script's lookup (lower-cased), or the browser's exact one of the prefixed id.
  if (htmlIds.has(lower) || (stripped !== undefined && htmlIds.has(stripped))) return 'found';
  return htmlIdsLower.has(lowerStripped ?? lower) ? 'capitalised' : 'missing';
}

/** The capitalised HTML id that `fragment` names ignoring case (for the message), if any. */
export function capitalisedId(doc: DocumentFacts, fragment: string): string | undefined {
  const key = (fragment.startsWith(PREFIX) ? fragment.slice(PREFIX.length) : fragment).toLowerCase();
  return doc.htmlIds.find((h) => h.id.toLowerCase() === key)?.id;
}
