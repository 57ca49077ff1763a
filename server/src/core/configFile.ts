/**
 * `.issue-log.json` (contract v2, "Configuration"): its text read as JSON with comments and trailing
 * commas (jsonc-parser), every key validated, and what it says returned with the problems found,
 * each with its offset range in the file. Never throws: a broken file says what it can and reports
 * the rest. Pure (no Node): the CLI and the server read the file and hand the text in.
 */
// The ESM build: esbuild cannot bundle the UMD one (its requires are resolved at run time).
import { modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { CHECK_LINKS, RULE_CODES, SCOPES, SEVERITIES, type CheckLinks, type IssueSeverity, type RuleCode, type RuleSetting, type Scope } from './config';
import { lineStarts } from './positions';

export const CONFIG_FILE_NAME = '.issue-log.json';

/** The diagnostic code of a problem in `.issue-log.json` (published in that file). */
export const CONFIG_PROBLEM_CODE = 'config';

/** What the file says (every key optional; only valid values). */
export interface ConfigFileSettings {
  scope?: Scope;
  /** Extra ID prefixes: the severity each implies, or "" (from the entry). */
  prefixes?: Record<string, IssueSeverity | ''>;
  /** Status words added to the built-in ones. */
  status?: { open?: string[]; resolved?: string[] };
  /** Severity words added to the built-in ones. */
  severity?: Partial<Record<IssueSeverity, string[]>>;
  rules?: Partial<Record<RuleCode, RuleSetting>>;
  exclude?: string[];
  ignoreLinks?: string[];
  /** false: what `.gitignore` files ignore is indexed all the same (the setting issueLog.useGitignore). */
  gitignore?: boolean;
  checkLinks?: CheckLinks;
}

/** A problem in the file, at `offset` … `offset + length`: a syntax error (`error`) or a setting ignored (`warning`). */
export interface ConfigProblem {
  offset: number;
  length: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The start offset of each line of `text` (for positions of problems). */
/** Line starts of the file's text (one function for every document: positions.ts). */
export const lineStartsOf = lineStarts;

export interface ConfigFile {
  settings: ConfigFileSettings;
  problems: ConfigProblem[];
}

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const PREFIX = /^[A-Za-z][A-Za-z0-9]*$/;

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'A property name is expected.',
  ValueExpected: 'A value is expected.',
  ColonExpected: 'A colon is expected.',
  CommaExpected: 'A comma is expected.',
  CloseBraceExpected: 'A closing brace is expected.',
  CloseBracketExpected: 'A closing bracket is expected.',
  EndOfFileExpected: 'Nothing may follow the top-level object.',
  InvalidCommentToken: 'Invalid comment.',
  UnexpectedEndOfComment: 'The comment is not closed.',
  UnexpectedEndOfString: 'The string is not closed.',
  UnexpectedEndOfNumber: 'The number is not complete.',
  InvalidUnicode: 'Invalid Unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character.',
  InvalidCharacter: 'Invalid character.',
};

type Report = (node: Node, message: string) => void;

const KEYS: Record<keyof ConfigFileSettings, (value: Node, report: Report) => unknown> = {
  scope: (v, report) => {
    if (v.type === 'string' && (SCOPES as readonly string[]).includes(v.value)) return v.value;
    report(v, `"scope" is "references" or "linked".`);
    return undefined;
  },
  prefixes: (v, report) =>
    objectOf(v, report, '"prefixes" is an object: { "PREFIX": "Critical" | "High" | "Medium" | "Low" | "" }.', (name, value) => {
      if (!PREFIX.test(name.value)) return void report(name, `"${name.value}" is not a prefix (letters and digits, starting with a letter).`);
      const severity = value.type === 'string' ? (value.value === '' ? '' : SEVERITIES.find((s) => s.toLowerCase() === String(value.value).toLowerCase())) : undefined;
      if (severity === undefined) return void report(value, `The severity of prefix ${name.value} is "Critical", "High", "Medium", "Low" or "" (from the entry).`);
      return severity;
    }),
  status: (v, report) =>
    objectOf(v, report, '"status" is an object: { "open": [words], "resolved": [words] }.', (name, value) => {
      if (name.value !== 'open' && name.value !== 'resolved') return void report(name, `"${name.value}" is not a status class; "status" has "open" and "resolved".`);
      return stringList(value, report, `"status.${name.value}" is a list of words.`);
    }),
  severity: (v, report) =>
    objectOf(v, report, '"severity" is an object: { "Critical" | "High" | "Medium" | "Low": [words] }.', (name, value) => {
      if (!(SEVERITIES as readonly string[]).includes(name.value)) return void report(name, `"${name.value}" is not a severity; "severity" has "Critical", "High", "Medium" and "Low".`);
      return stringList(value, report, `"severity.${name.value}" is a list of words.`);
    }),
  rules: (v, report) =>
    objectOf(v, report, '"rules" is an object: { "rule-code": "error" | "warning" | "information" | "hint" | "off" }.', (name, value) => {
      if (!(RULE_CODES as readonly string[]).includes(name.value)) return void report(name, `"${name.value}" is not a rule code; the codes are ${RULE_CODES.join(', ')}.`);
      if (value.type === 'string' && (RULE_SETTINGS as readonly string[]).includes(value.value)) return value.value;
      report(value, `The setting of ${name.value} is "error", "warning", "information", "hint" or "off".`);
      return undefined;
    }),
  exclude: (v, report) => stringList(v, report, '"exclude" is a list of globs.'),
  ignoreLinks: (v, report) => stringList(v, report, '"ignoreLinks" is a list of globs.'),
  gitignore: (v, report) => {
    if (v.type === 'boolean') return v.value;
    report(v, '"gitignore" is true or false.');
    return undefined;
  },
  checkLinks: (v, report) => {
    if (v.type === 'string' && (CHECK_LINKS as readonly string[]).includes(v.value)) return v.value;
    report(v, `"checkLinks" is "family" or "all".`);
    return undefined;
  },
};

/** The keys the file may have (the JSON schema, schemas/issue-log.schema.json, lists the same). */
export const CONFIG_KEYS = Object.keys(KEYS) as (keyof ConfigFileSettings)[];

/** Reads `.issue-log.json`'s text: the valid settings it holds, and every problem (syntax, keys, types). */
export function readConfigFile(text: string): ConfigFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems: ConfigProblem[] = errors.map((e) => ({ offset: e.offset, length: e.length, message: SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? 'Invalid JSON.', severity: 'error' as const }));
  const report: Report = (node, message) => problems.push({ offset: node.offset, length: node.length, message, severity: 'warning' });
  const settings: Record<string, unknown> = {};
  if (!root) return { settings, problems };
  if (root.type !== 'object') {
    report(root, `${CONFIG_FILE_NAME} holds one object: { "scope": …, "prefixes": …, "rules": … }.`);
    return { settings, problems };
  }
  for (const property of root.children ?? []) {
    const [name, value] = property.children ?? [];
    if (!name || !value) continue; // a syntax error, reported above
    const read = KEYS[name.value as keyof ConfigFileSettings];
    if (!Object.hasOwn(KEYS, name.value)) {
      report(name, `"${name.value}" is not a setting of ${CONFIG_FILE_NAME}; the settings are ${Object.keys(KEYS).join(', ')}.`);
      continue;
    }
    const result = read(value, report);
    if (result !== undefined) settings[name.value] = result;
  }
  return { settings: settings as ConfigFileSettings, problems };
}

/** An object's valid entries (each read by `entry`; undefined: left out, reported there). */
function objectOf<T>(node: Node, report: Report, wrongType: string, entry: (name: Node, value: Node) => T | undefined): Record<string, T> | undefined {
  if (node.type !== 'object') return void report(node, wrongType);
  const out: Record<string, T> = {};
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (!name || !value) continue;
    const v = entry(name, value);
    if (v !== undefined) out[name.value] = v;
  }
  return out;
}

/** A list of strings (the strings of it, each other item reported). */
function stringList(node: Node, report: Report, wrongType: string): string[] | undefined {
  if (node.type !== 'array') return void report(node, wrongType);
  const out: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string') out.push(item.value);
    else report(item, wrongType);
  }
  return out;
}

/** A text edit of `.issue-log.json`: replace `length` characters at `offset` with `content`. */
export interface ConfigEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * The edits that add a status word to `.issue-log.json` (for unknown-status's quick fix): the file's
 * text, or undefined when there is no file yet (the edit then writes the whole file). [] when the
 * word is there already; undefined when the file is too broken to edit safely (a syntax error, or
 * `status` of the wrong type), so that the fix is not offered.
 */
export function addStatusWordEdits(text: string | undefined, statusClass: 'open' | 'resolved', word: string): ConfigEdit[] | undefined {
  return addListItemEdits(text, ['status', statusClass], word, (settings) => settings.status?.[statusClass]);
}

/**
 * The edits that add `item` to the list at `path` of `.issue-log.json` (created with its parents when
 * missing): as addStatusWordEdits says, [] when `listOf(settings)` holds it already, undefined when
 * the file is too broken to edit safely.
 */
export function addListItemEdits(text: string | undefined, path: string[], item: string, listOf: (settings: ConfigFileSettings) => readonly string[] | undefined): ConfigEdit[] | undefined {
  const source = text ?? '';
  const { settings, problems } = readConfigFile(source);
  if (problems.some((p) => p.severity === 'error')) return undefined;
  if (listOf(settings)?.includes(item)) return [];
  try {
    const edits = modify(source.trim() === '' ? '{}' : source, [...path, -1], item, { isArrayInsertion: true, formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
    // An empty file is edited as `{}`: the edit replaces the whole (empty) text.
    return source.trim() === '' ? [{ offset: 0, length: source.length, content: applyEditsTo('{}', edits) + '\n' }] : edits;
  } catch {
    return undefined;
  }
}

function applyEditsTo(text: string, edits: readonly ConfigEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}
