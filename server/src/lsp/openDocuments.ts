/**
 * The documents open in the editor: their text (TextDocuments), where each changed since the index
 * last read it (from the editor's range changes: an edit then costs the blocks it touched), the
 * block-wise reader of each (OpenDocument), and the version of each that the index holds.
 *
 * Large texts are read as closed files are: a document over `maxFileSize` is not read at all (not
 * checked: one information diagnostic says so), and a first read, or an edit that touches more than
 * `backgroundChars`, is read in the background (backgroundReads.ts) while the index keeps what it had.
 */
import { DiagnosticSeverity, TextDocumentContentChangeEvent, TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IssueLogOptions } from '../core/config';
import { OpenDocument, type DocumentFacts } from '../core/document';
import { DIAGNOSTIC_SOURCE } from '../core/rules';
import { ruleDocUrl } from '../core/ruleDocs';
import { BACKGROUND_READ_CHARS, BackgroundReads, type OpenTextsEnvironment } from './backgroundReads';

/** The code of the one diagnostic of an open document that is not checked (too large, too slow to parse). */
export const NOT_CHECKED_CODE = 'not-checked';

/**
 * What reading an open document gave: its facts; a read under way in the background (the index keeps
 * what it holds); or nothing, because it is not checked (`fresh`: it was not the last time either).
 */
export type OpenRead = { kind: 'read'; facts: DocumentFacts } | { kind: 'reading' } | { kind: 'notChecked'; reason: string; fresh: boolean };

export class OpenDocuments {
  /** Where each open document changed since the index last read it (offsets in its current text). */
  private readonly edits = new Map<string, { start: number; end: number } | 'unknown'>();
  /** Open documents read block by block: an edit re-parses only the blocks it changed. */
  private readonly readers = new Map<string, OpenDocument>();
  /** The version of each open document that the index holds. */
  private readonly indexedVersions = new Map<string, number>();
  /**
   * Documents changed since the index read them. A version number alone cannot say so: a client may
   * send a change with the version already read (the text changed all the same).
   */
  private readonly unread = new Set<string>();
  /** Reads of large texts under way, and their results until taken. */
  private readonly background = new BackgroundReads();
  /** Reads of closed documents' files (closed unsaved, and large), until opened again. */
  private readonly closedReads = new BackgroundReads();
  /** Documents not checked, and why (as a closed file's reason: "…; not checked"). */
  private readonly notChecked = new Map<string, string>();
  readonly documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
      this.closedReads.cancel(uri);
      this.edits.delete(uri);
      this.unread.add(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (doc, changes, version) => {
      this.noteChanges(doc, changes);
      this.unread.add(doc.uri);
      return TextDocument.update(doc, changes, version);
    },
  });

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The open document's version when the index holds another one (it must be read again first). */
  isStale(doc: TextDocument): boolean {
    return this.unread.has(doc.uri) || this.indexedVersions.get(doc.uri) !== doc.version;
  }

  /** The index holds a text of the open document other than its current one (or is waiting for a read of it). */
  indexedOtherVersion(uri: string): boolean {
    const doc = this.documents.get(uri);
    return !!doc && (this.background.has(uri) || (this.indexedVersions.has(uri) && this.isStale(doc)));
  }

  /** The document is being read in the background: what the index holds of it is not its current text. */
  isReading(uri: string): boolean {
    return this.background.isRunning(uri);
  }

  /** The one diagnostic of a document that is not checked, saying why; undefined for the others. */
  notCheckedDiagnostics(uri: string): Diagnostic[] | undefined {
    const reason = this.notChecked.get(uri);
    if (reason === undefined || !this.documents.get(uri)) return undefined;
    const why = reason.replace(/; not checked$/, '');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [{ range, severity: DiagnosticSeverity.Information, code: NOT_CHECKED_CODE, codeDescription: { href: ruleDocUrl(NOT_CHECKED_CODE) }, source: DIAGNOSTIC_SOURCE, message: `This document is not checked: it ${why}.` }];
  }

  /**
   * Reads the document's current version (only the blocks changed since the last read); the index then
   * holds it. A text over `maxFileSize` is not read; a large one (or a large edit) is read in the
   * background, and `ready(uri)` is called when its result can be taken (by the next call).
   */
  read(doc: TextDocument, options: IssueLogOptions, env?: OpenTextsEnvironment, ready: (uri: string) => void = () => undefined): OpenRead {
    const uri = doc.uri;
    if (this.background.isRunning(uri)) return { kind: 'reading' };
    const done = this.background.take(uri);
    if (done) {
      // The version read; edits made since are in `edits`, relative to it.
      this.indexedVersions.set(uri, done.version);
      if (!done.ok) return this.refuse(uri, done.reason);
      this.readers.set(uri, done.reader);
      this.notChecked.delete(uri);
      return { kind: 'read', facts: done.facts };
    }
    const text = doc.getText();
    const tooLarge = overLimit(text, options.maxFileSize);
    let reader = this.readers.get(uri);
    const changed = this.edits.get(uri);
    if (tooLarge || !reader || changedLength(reader.textRead(), text, changed) > (env?.backgroundChars ?? BACKGROUND_READ_CHARS)) {
      // What the index holds of the document stays until then; later edits are noted relative to this text.
      this.edits.delete(uri);
      this.unread.delete(uri);
      if (tooLarge) {
        this.indexedVersions.set(uri, doc.version);
        return this.refuse(uri, tooLarge);
      }
      if (reader || text.length > (env?.backgroundChars ?? BACKGROUND_READ_CHARS)) {
        this.background.start(uri, doc.version, text, options, env, ready);
        return { kind: 'reading' };
      }
      this.readers.set(uri, (reader = new OpenDocument(uri, options)));
    }
    this.edits.delete(uri);
    const facts = reader.update(text, changed === 'unknown' ? undefined : changed);
    this.indexedVersions.set(uri, doc.version);
    this.unread.delete(uri);
    this.notChecked.delete(uri);
    return { kind: 'read', facts };
  }

  /**
   * Forgets what was read of a closed document (a read under way is stopped). Returns the text the
   * index holds of it when that was its last text (the file on disk may be the same: saved).
   */
  closed(uri: string): string | undefined {
    const held = this.unread.has(uri) || this.background.has(uri) ? undefined : this.readers.get(uri)?.textRead();
    this.background.cancel(uri);
    this.notChecked.delete(uri);
    this.readers.delete(uri);
    this.edits.delete(uri);
    this.indexedVersions.delete(uri);
    this.unread.delete(uri);
    return held;
  }

  /**
   * Reads the text of a closed document's file in the background, as an open document's (a large
   * file closed unsaved: parsing it at once would hold up the server); `done` with its facts, or why
   * it is not checked. Not called when the document is opened again first.
   */
  readClosed(uri: string, text: string, options: IssueLogOptions, env: OpenTextsEnvironment | undefined, done: (read: { ok: true; facts: DocumentFacts } | { ok: false; reason: string }) => void): void {
    this.closedReads.start(uri, 0, text, options, env, () => {
      const r = this.closedReads.take(uri);
      if (r) done(r.ok ? { ok: true, facts: r.facts } : r);
    });
  }

  /** A closed document's text longer than this is read in the background (readClosed). */
  static backgroundChars(env: OpenTextsEnvironment | undefined): number {
    return env?.backgroundChars ?? BACKGROUND_READ_CHARS;
  }

  /** Forgets every reader (a new index: the options may have changed how documents are read). */
  reset(): void {
    this.background.cancelAll();
    this.closedReads.cancelAll();
    this.notChecked.clear();
    this.readers.clear();
    this.indexedVersions.clear();
    for (const doc of this.documents.all()) this.unread.add(doc.uri);
  }

  /** Stops the reads under way (shutdown: no parse thread outlives the server). */
  stopReads(): void {
    this.background.cancelAll();
    this.closedReads.cancelAll();
  }

  /** The document is not checked, for `reason`: nothing read of it is kept. */
  private refuse(uri: string, reason: string): OpenRead {
    this.readers.delete(uri);
    const fresh = !this.notChecked.has(uri);
    this.notChecked.set(uri, reason);
    return { kind: 'notChecked', reason, fresh };
  }

  /** Widens the changed part of a document by the changes of one didChange (applied to `doc`, in order). */
  private noteChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
    let dirty = this.edits.get(doc.uri);
    if (dirty === 'unknown') return;
    // Offsets of later changes refer to the text after the earlier ones: one change at a time is exact.
    if (changes.length !== 1 || !TextDocumentContentChangeEvent.isIncremental(changes[0])) {
      this.edits.set(doc.uri, 'unknown');
      return;
    }
    const change = changes[0];
    const start = doc.offsetAt(change.range.start);
    const end = doc.offsetAt(change.range.end);
    const added = change.text.length;
    if (!dirty) dirty = { start, end: start + added };
    else {
      // The part already changed, moved by this change, joined with what this change wrote.
      const movedEnd = dirty.end <= start ? dirty.end : dirty.end >= end ? dirty.end + added - (end - start) : start + added;
      dirty = { start: Math.min(dirty.start, start), end: Math.max(movedEnd, start + added) };
    }
    this.edits.set(doc.uri, dirty);
  }
}

/** Why a text over `maxBytes` (in UTF-8) is not read; undefined when it is within. */
function overLimit(text: string, maxBytes: number): string | undefined {
  // At most 3 bytes per UTF-16 unit: only a text near the limit needs counting.
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return undefined;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `is ${mb(bytes)}, over the ${mb(maxBytes)} limit (raise issueLog.maxFileSizeMB); not checked`;
}

/**
 * How much of `text` differs from `old`, the text last read: the noted range's length, or (a full
 * change, or none noted) the part between their common start and common end.
 */
function changedLength(old: string, text: string, changed: { start: number; end: number } | 'unknown' | undefined): number {
  if (changed && changed !== 'unknown') return changed.end - changed.start;
  const n = Math.min(old.length, text.length);
  let head = 0;
  while (head < n && old.charCodeAt(head) === text.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < n - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return text.length - head - tail;
}
