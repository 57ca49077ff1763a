/**
 * What becomes of a document closed in the editor whose file is in the workspace: its text on disk
 * counts again. Nothing is parsed when the index holds that very text (it was saved); a small file is
 * parsed at once; a large one in the background (OpenDocuments.readClosed), the index keeping the
 * editor's last text meanwhile, and read again if the file changed while it was parsed.
 */
import type { IssueLogOptions } from '../core/config';
import { readDocument } from '../core/document';
import type { LoadSource, ParseResult } from '../core/loading';
import type { OpenTextsEnvironment } from './backgroundReads';
import { OpenDocuments } from './openDocuments';

export interface ClosedReread {
  env: Pick<LoadSource, 'read'> & { openTexts?: OpenTextsEnvironment };
  options: () => IssueLogOptions;
  documents: OpenDocuments;
  /** Puts the file's result in the index (Session.take). */
  take: (result: ParseResult) => void;
  /** The index took a result later (after a read in the background): publish. */
  changed: () => void;
}

/** `held`: the text the index holds of the document (OpenDocuments.closed), if it was its last one. */
export function rereadClosed(uri: string, path: string, held: string | undefined, s: ClosedReread): void {
  const options = s.options();
  const read = s.env.read(path, options.maxFileSize);
  if (read.ok && read.warning === undefined && read.text === held) return;
  if (!read.ok || read.text.length <= OpenDocuments.backgroundChars(s.env.openTexts)) {
    return s.take(read.ok ? { ok: true, facts: readDocument(uri, read.text, options), warning: read.warning, cached: false } : read);
  }
  s.documents.readClosed(uri, read.text, options, s.env.openTexts, (r) => {
    const now = s.env.read(path, s.options().maxFileSize);
    if (!now.ok || now.text !== read.text) return rereadClosed(uri, path, undefined, s);
    s.take(r.ok ? { ok: true, facts: r.facts, warning: read.warning, cached: false } : { ok: false, reason: r.reason, warning: read.warning });
    s.changed();
  });
}
