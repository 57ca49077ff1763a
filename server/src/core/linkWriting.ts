/**
 * Writing a link destination again for a new target, the way the old one was written: relative to
 * the document (with its `./`), or from the workspace folder (`/…`), a trailing `/`, inside angle
 * brackets or not, percent-encoded as it was (only what must be, or every non-ASCII character too).
 */
import { URI } from 'vscode-uri';
import { folderOf } from './paths';

/** How a destination's path part was written. */
export interface PathStyle {
  /** `/…`: from the workspace folder. */
  readonly root: boolean;
  /** `./…` */
  readonly dotSlash: boolean;
  readonly trailingSlash: boolean;
  /** `<…>`: spaces may stay as they are. */
  readonly angle: boolean;
  /** Non-ASCII characters were percent-encoded (`caf%C3%A9.md`), so the new path's are too. */
  readonly encoded: boolean;
}

export function styleOf(writtenPath: string, angle: boolean): PathStyle {
  return {
    root: writtenPath.startsWith('/'),
    dotSlash: writtenPath.startsWith('./'),
    trailingSlash: writtenPath.length > 1 && writtenPath.endsWith('/'),
    angle,
    // A UTF-8 byte escape (%80-%FF) is a non-ASCII character written encoded.
    encoded: /%[89A-Fa-f][0-9A-Fa-f]/.test(writtenPath),
  };
}

/** The decoded path segments of a URI. */
function segments(uri: string): string[] {
  return URI.parse(uri).path.split('/').filter(Boolean);
}

/** The relative path (decoded segments) from folder `fromDir` to `to`: `.` when they are the same. */
export function relativeSegments(fromDir: string, to: string): string[] {
  const from = segments(fromDir);
  const target = segments(to);
  let i = 0;
  while (i < from.length && i < target.length && from[i] === target[i]) i++;
  const rel = [...Array<string>(from.length - i).fill('..'), ...target.slice(i)];
  return rel.length === 0 ? ['.'] : rel;
}

/** One path segment as a destination must hold it (the link's reading decodes it: resolvePath). */
function encodeSegment(seg: string, style: PathStyle): string {
  if (seg === '.' || seg === '..') return seg;
  let out = '';
  for (const ch of seg) {
    const code = ch.codePointAt(0)!;
    if (ch === '%' || ch === '#' || ch === '?' || ch === '<' || ch === '>' || ch === '\\' || code < 0x20 || code === 0x7f) out += encodeURIComponent(ch);
    else if (ch === ' ' || ch === '\t') out += style.angle ? ch : encodeURIComponent(ch);
    else if (code > 0x7f && style.encoded) out += encodeURIComponent(ch);
    else out += ch;
  }
  return out;
}

/** Parentheses that a plain destination cannot hold (CommonMark: only balanced ones). */
function balanceParens(path: string, style: PathStyle): string {
  if (style.angle) return path;
  let depth = 0;
  for (const ch of path) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) break;
  }
  return depth === 0 ? path : path.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/**
 * The path part that names `target` from document `fromDoc` (both URIs after the move), in `style`.
 * A path from the root stays one when the target is inside the document's workspace folder.
 */
export function writePath(folders: readonly string[], fromDoc: string, target: string, style: PathStyle): string {
  const folder = style.root ? folderOf(folders, fromDoc) : undefined;
  let segs: string[];
  let prefix = '';
  if (folder && (target === folder || target.startsWith(folder + '/'))) {
    segs = target === folder ? [] : relativeSegments(folder, target);
    prefix = '/';
  } else {
    const dir = fromDoc.slice(0, fromDoc.lastIndexOf('/'));
    segs = relativeSegments(dir, target);
    if (style.dotSlash && segs[0] !== '..' && segs[0] !== '.') prefix = './';
  }
  let path = prefix + segs.map((s) => encodeSegment(s, style)).join('/');
  if (style.trailingSlash && !path.endsWith('/')) path += '/';
  if (path === '.' && style.dotSlash) path = './';
  return balanceParens(path, style);
}
