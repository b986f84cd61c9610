// Open documents and the last lint result of each (by version), so code actions and hovers reuse it.
// A didChange whose version is not newer than the document's is dropped (and reported): applying it
// would put an old text over a newer one. An entry keeps the findings, never the parsed document or the
// model (with every corpus file open those were most of the server's memory); what needs them again
// re-lints the same text.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { LineIndex, LintResult } from '../engine/index.js';
import type { Located } from './workspace.js';

export interface LintEntry {
  version: number;
  /** Identity of the settings/config the result was computed with (a change invalidates it). */
  generation: number;
  text: string;
  /** Line index of `text`, built on first use. */
  readonly lines: LineIndex;
  located: Located;
  /** Kind and findings of `text` (a lazy `tokenGrants` re-lints it when called). */
  result: LintResult;
  /** The diagnostic published for finding `index` of `result` (built on demand, not kept). */
  diagnostic(index: number): Diagnostic;
}

export interface OpenDocument {
  doc: TextDocument;
  languageId: string;
  lint?: LintEntry;
  /** Pending lint run (cancel it with cancelPending). */
  pending?: { cancel(): void };
}

export type ChangeOutcome = { ok: true; doc: OpenDocument } | { ok: false; reason: string };

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  get size(): number {
    return this.docs.size;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.docs.values();
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const existing = this.docs.get(uri);
    existing?.pending?.cancel();
    const entry: OpenDocument = { doc: TextDocument.create(uri, languageId, version, text), languageId };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): ChangeOutcome {
    const entry = this.docs.get(uri);
    if (!entry) return { ok: false, reason: `didChange for a document that is not open: ${uri}` };
    if (!Number.isInteger(version)) return { ok: false, reason: `didChange without a valid version for ${uri}` };
    if (version <= entry.doc.version) {
      return { ok: false, reason: `dropped didChange for ${uri}: version ${version} is not newer than ${entry.doc.version}` };
    }
    entry.doc = TextDocument.update(entry.doc, changes, version);
    return { ok: true, doc: entry };
  }

  close(uri: string): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    entry?.pending?.cancel();
    this.docs.delete(uri);
    return entry;
  }
}
