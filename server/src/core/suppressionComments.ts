/**
 * Reads inline suppression comments out of the raw HTML of one mdast `html` node (parse.ts): only
 * real comments reach here, so nothing in a code span or block is read.
 */
import { WHOLE, type SuppressionCode, type SuppressionFact, type SuppressionKind } from './model';

/** A comment (quoted attribute values of a tag before it may hold `<!--`: tags are matched whole). */
const COMMENT_OR_TAG = /<!--([\s\S]*?)-->|<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
/** The directive, the longest first (`disable-next-line` before `disable`), then the codes. */
const DIRECTIVE = /^\s*issue-log-(disable-next-line|disable-file|disable|enable)(?=\s|$)/i;
/** One code: separated by white space or commas (a `>` of a block quote's next line is not one). */
const CODE = /[^\s,>]+/g;

/** The suppression comments in `html` (source text starting at offset `at`), appended to `out`. */
export function collectSuppressions(html: string, at: number, out: SuppressionFact[]): void {
  if (!html.includes('issue-log-')) return;
  COMMENT_OR_TAG.lastIndex = 0;
  for (let m = COMMENT_OR_TAG.exec(html); m; m = COMMENT_OR_TAG.exec(html)) {
    const body = m[1];
    if (body === undefined) continue;
    const d = DIRECTIVE.exec(body);
    if (!d) continue;
    const bodyAt = at + m.index + 4;
    const codes: SuppressionCode[] = [];
    const rest = body.slice(d[0].length);
    CODE.lastIndex = 0;
    for (let c = CODE.exec(rest); c; c = CODE.exec(rest)) {
      const start = bodyAt + d[0].length + c.index;
      codes.push({ start, end: start + c[0].length, at: WHOLE, code: c[0].toLowerCase() });
    }
    out.push({ start: at + m.index, end: at + m.index + m[0].length, at: WHOLE, kind: d[1].toLowerCase() as SuppressionKind, codes });
  }
}
