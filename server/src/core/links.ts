/** Link destinations: what a link's URL names (external, empty, or a path and fragment in the workspace). */
import { URI, Utils } from 'vscode-uri';
import { folderOf } from './paths';

export type PathKind = 'file' | 'dir';

/** What the core asks of its host. */
export interface WorkspaceHost {
  /** Exists, with the exact case of every path segment? */
  stat(uri: string): PathKind | undefined;
}

export type InternalLink = {
  readonly kind: 'internal';
  /** Target document (the same document for `#fragment`). */
  readonly target: string;
  readonly fragment?: string;
  /** `?plain=1`: GitHub's source view of the file, whose anchors are its lines (`#L3`, `#L3-L7`). */
  readonly sourceView?: boolean;
  /** The path as written, decoded. */
  readonly path: string;
  readonly exists: PathKind | undefined;
  /** Inside one of the workspace folders. */
  readonly inWorkspace: boolean;
  /** The path's percent-encoding is invalid (`%zz`); the raw path was tried. */
  readonly badEncoding: boolean;
};

export type ResolvedLink = { readonly kind: 'external' } | { readonly kind: 'empty' } | InternalLink;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** A URL split into its path part (query dropped, but `plain=1` noted) and its decoded fragment; external and empty URLs say so. */
export function splitUrl(url: string): { kind: 'external' | 'empty' } | { kind: 'path'; pathPart: string; fragment?: string; sourceView?: boolean } {
  const raw = url.trim();
  if (raw === '' || raw === '#') return { kind: 'empty' };
  if (SCHEME.test(raw) || raw.startsWith('//')) return { kind: 'external' };
  const hash = raw.indexOf('#');
  let pathPart = hash >= 0 ? raw.slice(0, hash) : raw;
  const q = pathPart.indexOf('?');
  const sourceView = q >= 0 && /(?:^|&)plain=1(?:&|$)/.test(pathPart.slice(q + 1)) ? true : undefined;
  if (q >= 0) pathPart = pathPart.slice(0, q);
  let fragment = hash >= 0 ? raw.slice(hash + 1) : undefined;
  if (fragment !== undefined) {
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // Keep the fragment as written.
    }
  }
  return { kind: 'path', pathPart, fragment, sourceView };
}

/**
 * Where a (non-empty) path part of a link in `fromUri` points: relative to the document's folder, or
 * for `/…` to its workspace folder; whether it exists (an indexed document does, else the host says).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function resolvePath(folders: readonly string[], isIndexed: (uri: string) => boolean, host: WorkspaceHost, fromUri: string, pathPart: string): InternalLink {
  let path = pathPart;
  let badEncoding = false;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    badEncoding = true;
  }
  // A lone surrogate (a client's text may hold one) names no file and makes a URI throw: read as U+FFFD.
  path = path.replace(LONE_SURROGATE, '\ufffd');
  let base: URI;
  let rel = path;
  if (path.startsWith('/')) {
    const folder = folderOf(folders, fromUri);
    base = folder ? URI.parse(folder) : URI.file('/');
    rel = path.replace(/^\/+/, '');
  } else {
    base = Utils.dirname(URI.parse(fromUri));
  }
  const target = (rel === '' ? base : Utils.resolvePath(base, rel)).toString();
  const exists: PathKind | undefined = isIndexed(target) ? 'file' : host.stat(target);
  return { kind: 'internal', target, path, exists, inWorkspace: folderOf(folders, target) !== undefined, badEncoding };
}

const LINE_ANCHOR = /^L(\d+)(?:-L(\d+))?$/;

/**
 * A fragment of a `?plain=1` link that names lines of the file (`L3`, `L3-L7`, as GitHub's source
 * view numbers them, a final line ending starting no line): whether they exist, and the file's line
 * count; `undefined` when it is no line anchor.
 */
export function sourceLines(fragment: string, doc: { readonly lineStarts: readonly number[]; readonly length: number }): { exist: boolean; count: number } | undefined {
  const m = LINE_ANCHOR.exec(fragment);
  if (!m) return undefined;
  const n = doc.lineStarts.length;
  const count = n > 1 && doc.lineStarts[n - 1] === doc.length ? n - 1 : n;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return { exist: first >= 1 && last >= first && last <= count, count };
}
