/**
 * `ignoreLinks` (`.issue-log.json`, `issueLog.ignoreLinks`): globs of links that get neither
 * broken-link nor broken-anchor. A glob (picomatch, dot files included) matches a link when it
 * matches one of:
 *  - the destination as written (`../private/notes.md#x`), with and without its `#fragment`, and
 *    without a leading `./`;
 *  - the target's path relative to the workspace folder that holds it (`private/notes.md`), with and
 *    without `#fragment`, so that `private/**` works from any document.
 * External links are never checked, so a glob such as `https://*` changes nothing today.
 */
import picomatch from 'picomatch';
import type { LinkFact } from './model';
import type { WorkspaceIndex } from './workspace';

type Matcher = (candidate: string) => boolean;

/** One compiled matcher per globs array (the options hold one array per resolve). */
const compiled = new WeakMap<readonly string[], Matcher>();

function matcherOf(globs: readonly string[]): Matcher {
  let m = compiled.get(globs);
  if (!m) compiled.set(globs, (m = picomatch([...globs], { dot: true })));
  return m;
}

/** The strings a glob of `ignoreLinks` is tried on, for a link of the document `fromUri`. */
export function ignoreCandidates(index: WorkspaceIndex, fromUri: string, link: LinkFact): string[] {
  const written = link.url.trim();
  const hash = written.indexOf('#');
  const out = [written];
  if (hash >= 0) out.push(written.slice(0, hash));
  for (const w of [...out]) if (w.startsWith('./')) out.push(w.slice(2));
  const r = index.resolve(fromUri, link);
  if (r.kind === 'internal') {
    const rel = index.relativeToFolder(r.target);
    if (rel !== undefined) {
      out.push(rel);
      if (r.fragment !== undefined) out.push(`${rel}#${r.fragment}`);
    }
  }
  return out;
}

/** Does a glob of `ignoreLinks` match this link of `fromUri`? */
export function isLinkIgnored(index: WorkspaceIndex, fromUri: string, link: LinkFact): boolean {
  const globs = index.options.ignoreLinks;
  if (globs.length === 0) return false;
  const matches = matcherOf(globs);
  return ignoreCandidates(index, fromUri, link).some((c) => c !== '' && matches(c));
}
