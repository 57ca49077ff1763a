/**
 * The shape of the params of every request and notification the server handles, checked before a
 * handler sees them: only the parts the handlers read (a URI is a string, a position two non-negative
 * integers, ...), so that a confused client gets InvalidParams with the path of the wrong part instead
 * of a TypeError from deep inside a feature. Used by the message gate (messageGate.ts).
 */
import { DIAGNOSTIC_SOURCE } from '../core/rules';

/** A check of one value: undefined when it is fine, else what is wrong with it at `path`. */
type Check = (value: unknown, path: string) => string | undefined;

const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
};

const fail = (path: string, want: string, v: unknown) => `${path} must be ${want} (got ${describe(v)})`;

const INT32_MAX = 2 ** 31 - 1;
const str: Check = (v, p) => (typeof v === 'string' ? undefined : fail(p, 'a string', v));
const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : fail(p, 'a boolean', v));
/** LSP's `uinteger`. */
const uint: Check = (v, p) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= INT32_MAX ? undefined : fail(p, 'a non-negative integer', v));
/** LSP's `integer`. */
const int: Check = (v, p) => (Number.isInteger(v) && Math.abs(v as number) <= INT32_MAX ? undefined : fail(p, 'an integer', v));
const any: Check = () => undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Absent (or null, which every handler reads as absent) or `check`. */
const opt =
  (check: Check): Check =>
  (v, p) =>
    v === undefined || v === null ? undefined : check(v, p);

const obj =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return fail(p, 'an object', v);
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(v[key], `${p}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

const arrayOf =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'an array', v);
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

/** The first check that accepts the value wins; else the last one's complaint. */
const oneOf =
  (...checks: Check[]): Check =>
  (v, p) => {
    let problem: string | undefined;
    for (const check of checks) {
      problem = check(v, p);
      if (!problem) return undefined;
    }
    return problem;
  };

const literal =
  (...values: unknown[]): Check =>
  (v, p) =>
    values.includes(v) ? undefined : fail(p, values.map((x) => JSON.stringify(x)).join(' or '), v);

const position = obj({ line: uint, character: uint });
const range = obj({ start: position, end: position });
const textDocument = obj({ uri: str });
const textDocumentPosition = { textDocument, position };
const folder = obj({ uri: str, name: str });
const anyDiagnostic = obj({ range, message: str, code: opt(oneOf(str, int)), source: opt(str), data: any });
/** What the quick fixes read from the `data` of our own diagnostics (core/rules.ts `DiagnosticData`), echoed back by the client. */
const ourData = opt(obj({ fix: opt(obj({ range, newText: str, title: str })), id: opt(str), suggestion: opt(str), urlRange: opt(range), word: opt(str) }));
const diagnostic: Check = (v, p) => anyDiagnostic(v, p) ?? (isObject(v) && v.source === DIAGNOSTIC_SOURCE ? ourData(v.data, `${p}.data`) : undefined);

/** What each method's params must look like (the top-level value is `params`). */
const PARAMS: Record<string, Check> = {
  initialize: obj({
    processId: opt(int),
    rootUri: opt(str),
    rootPath: opt(str),
    workspaceFolders: opt(arrayOf(folder)),
    capabilities: obj({}),
    trace: opt(str),
  }),
  'textDocument/completion': obj(textDocumentPosition),
  'completionItem/resolve': obj({ label: str }),
  'textDocument/hover': obj(textDocumentPosition),
  'textDocument/definition': obj(textDocumentPosition),
  'textDocument/prepareRename': obj(textDocumentPosition),
  'textDocument/references': obj({ ...textDocumentPosition, context: obj({ includeDeclaration: bool }) }),
  'textDocument/rename': obj({ ...textDocumentPosition, newName: str }),
  'textDocument/documentSymbol': obj({ textDocument }),
  'textDocument/documentLink': obj({ textDocument }),
  'textDocument/codeLens': obj({ textDocument }),
  'codeLens/resolve': obj({ range, data: any }),
  'textDocument/codeAction': obj({ textDocument, range, context: obj({ diagnostics: arrayOf(diagnostic), only: opt(arrayOf(str)) }) }),
  'workspace/symbol': obj({ query: str }),
  'workspace/willRenameFiles': obj({ files: arrayOf(obj({ oldUri: str, newUri: str })) }),
  'issueLog/openIssues': opt(obj({ folders: opt(arrayOf(str)), include: opt(literal('open', 'all')) })),
  'issueLog/openIssuesChanges': opt(obj({ folders: opt(arrayOf(str)), knownVersion: opt(int), include: opt(literal('open', 'all')) })),
  'issueLog/newIssue': obj({ uri: str, severity: str, title: str, today: opt(str) }),
  'issueLog/logSummary': obj({ uri: str }),
  // Notifications.
  'textDocument/didOpen': obj({ textDocument: obj({ uri: str, languageId: str, version: int, text: str }) }),
  'textDocument/didChange': obj({
    textDocument: obj({ uri: str, version: int }),
    contentChanges: arrayOf(oneOf(obj({ range, rangeLength: opt(uint), text: str }), obj({ text: str }))),
  }),
  'textDocument/didClose': obj({ textDocument }),
  'workspace/didChangeWatchedFiles': obj({ changes: arrayOf(obj({ uri: str, type: literal(1, 2, 3) })) }),
  'workspace/didChangeConfiguration': obj({ settings: any }),
  'workspace/didChangeWorkspaceFolders': obj({ event: obj({ added: arrayOf(folder), removed: arrayOf(folder) }) }),
  '$/cancelRequest': obj({ id: oneOf(int, str) }),
  '$/setTrace': obj({ value: str }),
};

/**
 * What is wrong with `params` of `method` (a sentence naming the part, e.g. `params.position.line must
 * be a non-negative integer (got -1)`), or undefined when they are fine or the method is not checked here.
 */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  return check ? check(params, 'params') : undefined;
}

/** The methods whose params are checked (for tests that go through each). */
export const CHECKED_METHODS: readonly string[] = Object.keys(PARAMS);
