/**
 * Lookups of one document version, derived from its facts alone (so remembered per facts object, for
 * every index at once): its entries by slug, its numbered entries by number, its headings by slug.
 */
import type { DocumentFacts, SluggedHeading } from './documentFacts';
import { Memo } from './memo';
import type { IssueEntry } from './model';

const bySlug = new Memo<DocumentFacts, Map<string, IssueEntry>>();
const numberedByNumber = new Memo<DocumentFacts, Map<number, IssueEntry | null>>();
const headingsBySlug = new Memo<DocumentFacts, Map<string, SluggedHeading>>();

/** A document's entries by lower-cased slug (the first of each; bold entries and register rows have no anchor). */
export function entriesBySlug(doc: DocumentFacts): Map<string, IssueEntry> {
  return bySlug.get(doc, 0, () => {
    const map = new Map<string, IssueEntry>();
    for (const e of doc.entries) {
      const slug = e.slug.toLowerCase();
      if (slug !== '' && !map.has(slug)) map.set(slug, e);
    }
    return map;
  });
}

/** A document's numbered entries by number (null: that number is taken twice). */
export function numberedEntriesByNumber(doc: DocumentFacts): Map<number, IssueEntry | null> {
  return numberedByNumber.get(doc, 0, () => {
    const map = new Map<number, IssueEntry | null>();
    for (const e of doc.entries) if (e.kind === 'numbered') map.set(e.number, map.has(e.number) ? null : e);
    return map;
  });
}

/** The first heading of a document whose slug is `fragment`, ignoring case. */
export function headingWithSlug(doc: DocumentFacts, fragment: string): SluggedHeading | undefined {
  const map = headingsBySlug.get(doc, 0, () => {
    const m = new Map<string, SluggedHeading>();
    for (const h of doc.headings) if (!m.has(h.slug.toLowerCase())) m.set(h.slug.toLowerCase(), h);
    return m;
  });
  return map.get(fragment.toLowerCase());
}
