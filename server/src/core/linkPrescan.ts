/**
 * What the loading pipeline parses (core/loading.ts, node/fileParser.ts): a file that may be an issue
 * log (prescan.ts), and, for link checking, a file that may link to a Markdown document, since a
 * document that links to a log is in the log's family (linkFamily.ts) and its links are checked.
 * With `checkLinks: all` every file is parsed. The rest is deferred (read, not parsed).
 *
 * `mayLinkToMarkdown` is a strict superset test: a link reaches an indexed document only through a
 * path whose last segment ends in `.md` (the walk takes `*.md`, in any case), and a link's path is its
 * destination with character references decoded, backslash escapes removed (the parse) and
 * percent-escapes decoded (link resolution). So a file none of whose views holds `.md` (any case)
 * links to no document. Files that logs link to are parsed later anyway (loadLinkTargets).
 */
import type { IssueLogOptions } from './config';
import { mayBeIssueLog } from './prescan';

const MD = /\.md/i;

/** Character references that can spell `.`, `m` or `d` (numeric ones, and `&period;`, the one named reference among them). */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(period));/g;
const PERCENT = /%([0-9A-Fa-f]{2})/g;

function decodeReferences(text: string): string {
  return text.replace(REFERENCE, (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return '.';
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
  });
}

/** May `text` hold a link to a Markdown file (`.md` in its path, however spelt)? False means it cannot. */
export function mayLinkToMarkdown(text: string): boolean {
  if (MD.test(text)) return true;
  if (!/[&%\\]/.test(text)) return false;
  let view = text.includes('&') ? decodeReferences(text) : text;
  view = view.replace(/\\/g, '');
  if (MD.test(view)) return true;
  if (!view.includes('%')) return false;
  view = view.replace(PERCENT, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\/g, '');
  return MD.test(view);
}

/** Must the pipeline parse this file now (else it is deferred)? */
export function mustParse(text: string, options: IssueLogOptions): boolean {
  return options.checkLinks === 'all' || mayBeIssueLog(text, options) || mayLinkToMarkdown(text);
}
