/**
 * `issue-log fix [PATH ...] [--dry-run]` and `check --fix`: the safe fixes (core/safeFixes.ts: stale
 * counts, stale averages, Last Updated; the edits of the editor's quick fixes) of every file under
 * PATH, applied round after round until no judgement changes (at most MAX_ROUNDS), then written
 * atomically (atomicWrite.ts) where the text changed, BOM and line endings kept; with `--dry-run`, a
 * unified diff instead (diffOutput.ts) and no byte written.
 *
 * A file that cannot be fixed (read-only, not valid UTF-8, outside the workspace, changed meanwhile)
 * is named on stderr and left as it is; the others are still fixed; the exit status is then 2.
 */
import { URI } from 'vscode-uri';
import { readDocument } from '../core/document';
import { lineStarts } from '../core/positions';
import { computeDiagnostics, ruleOptions } from '../core/rules';
import { applyFixes, fixesMatch, safeFixesOf, type SafeFix } from '../core/safeFixes';
import type { WorkspaceIndex } from '../core/workspace';
import { WorkspaceBoundary } from '../node/boundary';
import { readMarkdownBytes } from '../node/nodeHost';
import type { Args } from './args';
import { replaceFile } from './atomicWrite';
import { unifiedDiff } from './diffOutput';
import { displayPathOf, isReported, loadIndex, optionsOf, resolveTargets, type Target } from './workspace';

/** Rounds of fixing before giving up on fixes that keep changing each other's judgements. */
export const MAX_ROUNDS = 5;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A file being fixed: what was read, and its text now. */
interface Fixing {
  uri: string;
  /** The path as the index has it, and its real path (what is read and written). */
  file: string;
  real: string;
  bytes: Buffer;
  bom: boolean;
  original: string;
  text: string;
  /** Problems fixed, over every round. */
  fixed: number;
}

export interface FixOutcome {
  /** The files whose text changed, by printed path. */
  changed: { shown: string; fixed: number; before: string; after: string }[];
  /** Files that needed a fix and could not have it (their reason went to stderr). */
  failed: number;
}

/** A path as printed: relative to the current folder (contract v2), `/`-separated. */
export function cwdPath(file: string): string {
  return displayPathOf(file, process.cwd()) || '.';
}

function refuse(file: string, reason: string): void {
  process.stderr.write(`issue-log: ${cwdPath(file)}: ${reason}\n`);
}

/** Reads a file to fix: its bytes, BOM and text, or why it is not fixed (said on stderr). */
function readToFix(uri: string, boundary: WorkspaceBoundary, maxSize: number): Fixing | undefined {
  const file = URI.parse(uri).fsPath;
  const where = boundary.resolve(file);
  if (!where.ok) return void refuse(file, `${where.reason}; not fixed`);
  const read = readMarkdownBytes(where.real, maxSize);
  if (!read.ok) return void refuse(file, `${read.reason}; not fixed`);
  const bom = read.bytes.subarray(0, 3).equals(BOM);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? read.bytes.subarray(3) : read.bytes);
  } catch {
    // Written back, the invalid bytes would become U+FFFD: the file is left as it is.
    return void refuse(file, 'is not valid UTF-8; not fixed');
  }
  return { uri, file, real: where.real, bytes: read.bytes, bom, original: text, text, fixed: 0 };
}

function sameStarts(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Applies the safe fixes of the files under PATH to `index` (each fixed file's facts are set from its
 * new text) and to the files (or, with `dryRun`, to nothing). `index` then holds what the disk holds
 * (a file not written keeps its old facts), so a caller can report what remains.
 */
export function applySafeFixes(index: WorkspaceIndex, target: Target, today: string, dryRun: boolean): FixOutcome {
  const boundary = new WorkspaceBoundary(target.folders);
  const fixing = new Map<string, Fixing>();
  const refused = new Set<string>();
  /** Real path → the URI it is fixed under: a file reached twice (a symbolic link inside the workspace) is fixed once. */
  const owners = new Map<string, string>();
  const aliases = new Set<string>();
  const fixesOf = (uri: string): SafeFix[] => safeFixesOf(computeDiagnostics(index, uri, ruleOptions(index.options, today)));
  const uris = [...index.documents].map((d) => d.uri).filter((u) => isReported(target, u));
  let settled = false;
  for (let round = 0; round < MAX_ROUNDS && !settled; round++) {
    settled = true;
    for (const uri of uris) {
      if (refused.has(uri) || aliases.has(uri)) continue;
      let fixes = fixesOf(uri);
      if (fixes.length === 0) continue;
      let f = fixing.get(uri);
      if (!f) {
        f = readToFix(uri, boundary, index.options.maxFileSize);
        if (!f) {
          refused.add(uri);
          continue;
        }
        if (owners.has(f.real)) {
          aliases.add(uri);
          continue;
        }
        owners.set(f.real, uri);
        fixing.set(uri, f);
        // The facts must be those of this text: else (the file changed since it was parsed) parse it again.
        if (!sameStarts(lineStarts(f.text), index.get(uri)?.lineStarts ?? []) || !fixesMatch(f.text, fixes)) {
          index.set(readDocument(uri, f.text, index.options));
          fixes = fixesOf(uri);
        }
      }
      const next = applyFixes(f.text, fixes);
      if (next.applied === 0) continue;
      f.text = next.text;
      f.fixed += next.applied;
      index.set(readDocument(uri, f.text, index.options));
      settled = false;
    }
  }
  // One more look: did the last round leave fixes behind (fixes that keep changing each other)?
  if (!settled && uris.some((u) => !refused.has(u) && !aliases.has(u) && fixesOf(u).length > 0)) {
    process.stderr.write(`issue-log: the fixes did not settle after ${MAX_ROUNDS} rounds; what remains is left as it is\n`);
  }

  const outcome: FixOutcome = { changed: [], failed: refused.size };
  const done = [...fixing.values()].filter((f) => f.text !== f.original).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const f of done) {
    const before = f.bom ? '\ufeff' + f.original : f.original;
    const after = f.bom ? '\ufeff' + f.text : f.text;
    if (!dryRun) {
      const wrote = replaceFile(f.real, Buffer.from(after, 'utf8'), f.bytes);
      if (!wrote.ok) {
        refuse(f.file, wrote.reason);
        outcome.failed++;
        // What remains is what the disk holds.
        index.set(readDocument(f.uri, f.original, index.options));
        continue;
      }
    }
    outcome.changed.push({ shown: cwdPath(f.file), fixed: f.fixed, before, after });
  }
  return outcome;
}

const problems = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;

/** The lines `fix` prints: what was fixed per file, or that nothing needed fixing. */
export function fixedLines(outcome: FixOutcome): string {
  if (outcome.changed.length === 0) return outcome.failed > 0 ? '' : 'nothing to fix\n';
  return outcome.changed.map((c) => `fixed ${problems(c.fixed)} in ${c.shown}\n`).join('');
}

export async function fix(args: Args): Promise<number> {
  const target = resolveTargets(args.paths);
  const index = await loadIndex(args, target, optionsOf(args.settings, target));
  const outcome = applySafeFixes(index, target, args.today, args.dryRun === true);
  process.stdout.write(args.dryRun ? outcome.changed.map((c) => unifiedDiff(c.shown, c.before, c.after)).join('') : fixedLines(outcome));
  return outcome.failed > 0 ? 2 : 0;
}

/**
 * `check --fix`: the index after the safe fixes were written, for `check` to report what remains;
 * what was fixed goes to stderr (stdout is the report, in its format). `failed` when a file could not be fixed.
 */
export async function fixedIndex(args: Args, target: Target, opts: Parameters<typeof loadIndex>[2]): Promise<{ index: WorkspaceIndex; failed: boolean }> {
  const index = await loadIndex(args, target, opts);
  const outcome = applySafeFixes(index, target, args.today, false);
  for (const c of outcome.changed) process.stderr.write(`issue-log: fixed ${problems(c.fixed)} in ${c.shown}\n`);
  return { index, failed: outcome.failed > 0 };
}
