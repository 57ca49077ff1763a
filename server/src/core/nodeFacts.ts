/**
 * Facts read off one node of a syntax tree (parse.ts walks the tree, fields.ts reads fields): its
 * offsets, its plain text, a link's destination.
 */
import { toString } from 'mdast-util-to-string';
import type { Definition, Link, Nodes, Parent } from 'mdast';
import { WHOLE, type LinkFact } from './model';

export const TEXT_OPTIONS = { includeImageAlt: false, includeHtml: false };

export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}
export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** Plain text of a node, as GitHub renders it (image alt text and raw HTML left out). */
export function textOf(node: Nodes): string {
  return toString(node, TEXT_OPTIONS);
}

export function linkFact(node: Link | Definition | Extract<Nodes, { type: 'image' }>, src: string): LinkFact {
  const start = startOf(node);
  const end = endOf(node);
  if (node.type === 'definition') {
    const slice = src.slice(start, end);
    const m = /\]:[ \t]*(?:\r\n?|\n)?[ \t]*<?/.exec(slice);
    const urlStart = m ? start + m.index + m[0].length : undefined;
    return { start, end, at: WHOLE, kind: 'definition', url: node.url, label: node.identifier, urlStart, urlEnd: urlStart !== undefined ? findUrlEnd(src, urlStart, end) : undefined };
  }
  const first = src.charAt(start);
  if (node.type === 'link' && first !== '[') {
    return { start, end, at: WHOLE, kind: 'autolink', url: node.url, label: undefined, urlStart: undefined, urlEnd: undefined };
  }
  // Inline link or image: the destination follows the last `](` of the source.
  const slice = src.slice(start, end);
  const at = slice.lastIndexOf('](');
  let urlStart: number | undefined;
  if (at >= 0) {
    urlStart = start + at + 2;
    while (urlStart < end && /[ \t\r\n]/.test(src.charAt(urlStart))) urlStart++;
    if (src.charAt(urlStart) === '<') urlStart++;
  }
  return { start, end, at: WHOLE, kind: node.type === 'image' ? 'image' : 'link', url: node.url, label: undefined, urlStart, urlEnd: urlStart !== undefined ? findUrlEnd(src, urlStart, end) : undefined };
}

function findUrlEnd(src: string, from: number, limit: number): number {
  let i = from;
  let depth = 0;
  while (i < limit) {
    const c = src.charAt(i);
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '>' || /\s/.test(c)) break;
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
    i++;
  }
  return Math.min(i, limit);
}

/**
 * Gives a place to the nodes that remark-gfm's autolink-literal transform makes without one (a
 * literal it finds in text, e.g. an email after an unmatched `[`, splits that text into new text and
 * link nodes with no position): each is found in the source after its previous sibling, inside its
 * parent. Without this, such a link and its heading's text would sit at offset 0.
 */
export function placeUnpositioned(tree: Parent, src: string): void {
  const stack: Parent[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    let cursor = parent.position?.start.offset ?? 0;
    const limit = parent.position?.end.offset ?? src.length;
    for (const child of parent.children as Nodes[]) {
      if (!child.position && parent.position) {
        const text = toString(child);
        const at = text ? src.indexOf(text, cursor) : -1;
        if (at >= 0 && at + text.length <= limit) {
          child.position = { start: pointAt(at), end: pointAt(at + text.length) };
        } else {
          child.position = { start: pointAt(cursor), end: pointAt(cursor) };
        }
      }
      if (child.position?.end.offset !== undefined) cursor = Math.max(cursor, child.position.end.offset);
      if ('children' in child) stack.push(child);
    }
  }
}

/** A point at an offset: the facts read offsets only, never a node's line and column. */
const pointAt = (offset: number) => ({ line: 1, column: 1, offset });
