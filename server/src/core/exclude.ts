/** Which paths of a workspace folder are left out: node_modules, .git and the user's exclude globs. */
import picomatch from 'picomatch';

const ALWAYS_EXCLUDED = new Set(['node_modules', '.git']);

/** A test for paths relative to their workspace folder (`/`-separated). */
export function excludeMatcher(globs: string[]): (relativePath: string) => boolean {
  const matches = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  return (rel) => rel.split('/').some((segment) => ALWAYS_EXCLUDED.has(segment)) || matches(rel) || matches(rel + '/');
}
