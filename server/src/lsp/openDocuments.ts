/**
 * The documents open in the editor: their text (TextDocuments), where each changed since the index
 * last read it (from the editor's range changes: an edit then costs the blocks it touched), the
 * block-wise reader of each (OpenDocument), and the version of each that the index holds.
 */
import { TextDocumentContentChangeEvent, TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IssueLogOptions } from '../core/config';
import { OpenDocument, type DocumentFacts } from '../core/document';

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
  readonly documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
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

  /** The index holds a text of the open document other than its current one. */
  indexedOtherVersion(uri: string): boolean {
    const doc = this.documents.get(uri);
    return !!doc && this.indexedVersions.has(uri) && this.isStale(doc);
  }

  /** Reads the document's current version (only the blocks changed since the last read); the index then holds it. */
  read(doc: TextDocument, options: IssueLogOptions): DocumentFacts {
    let reader = this.readers.get(doc.uri);
    if (!reader) this.readers.set(doc.uri, (reader = new OpenDocument(doc.uri, options)));
    const changed = this.edits.get(doc.uri);
    this.edits.delete(doc.uri);
    const facts = reader.update(doc.getText(), changed === 'unknown' ? undefined : changed);
    this.indexedVersions.set(doc.uri, doc.version);
    this.unread.delete(doc.uri);
    return facts;
  }

  /** Forgets what was read of a closed document. */
  closed(uri: string): void {
    this.readers.delete(uri);
    this.edits.delete(uri);
    this.indexedVersions.delete(uri);
    this.unread.delete(uri);
  }

  /** Forgets every reader (a new index: the options may have changed how documents are read). */
  reset(): void {
    this.readers.clear();
    this.indexedVersions.clear();
    for (const doc of this.documents.all()) this.unread.add(doc.uri);
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
