/**
 * Fuzzing the CLI (dist/cli.js in a child process, as a user runs it) on generated corpora whose
 * files are mutated as text and as bytes (invalid UTF-8, NUL, BOM, a broken .issue-log.json):
 * `check`, `list`, `open` and `stats` never crash (exit 0 or 1, 2 only for `stats` of a file that is
 * no log, never a stack trace), every diagnostic is inside its file, `check` gives the same output
 * with one parse thread and with several, and nothing in the folder is written or touched.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../unit/cliRun';
import { applyMutations, mutationArb, type Mutation } from './arbitraries';
import { corpora, DIALECTS, type Dialect } from './corpora';
import { assertRangeIn, lineLengths } from './invariants';
import { FUZZ_TIMEOUT, fuzzParams } from './settings';

/** Byte sequences that are not (or not plain) UTF-8 text: invalid, truncated, overlong, a surrogate, NUL, a BOM. */
const BYTES = [[0xff], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x00], [0xef, 0xbb, 0xbf], [0xf4, 0x90, 0x80, 0x80]];

interface CliCase {
  dialect: Dialect;
  /** Text mutations of some Markdown files (file index modulo their number). */
  edits: [number, Mutation[]][];
  /** Byte insertions, after the text mutations. */
  bytes: { file: number; at: number; bytes: number[] }[];
  /** The config file's text mutated too (a broken .issue-log.json is reported, not fatal). */
  config: Mutation[];
}

const caseArb: fc.Arbitrary<CliCase> = fc.record({
  dialect: fc.constantFrom(...DIALECTS),
  edits: fc.array(fc.tuple(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 })), { maxLength: 3 }),
  bytes: fc.array(fc.record({ file: fc.nat(), at: fc.nat(), bytes: fc.constantFrom(...BYTES) }), { maxLength: 2 }),
  config: fc.array(mutationArb, { maxLength: 1 }),
});

const MASTER = '02-Master/MASTER-ISSUE-LOG.md';

function writeCase(dir: string, c: CliCase): Map<string, Buffer> {
  const files = { ...corpora().get(c.dialect)! };
  const md = Object.keys(files).filter((rel) => rel.endsWith('.md'));
  for (const [which, ms] of c.edits) files[md[which % md.length]] = applyMutations(files[md[which % md.length]], ms);
  if (files['.issue-log.json'] !== undefined) files['.issue-log.json'] = applyMutations(files['.issue-log.json'], c.config);
  const bytes = new Map(Object.entries(files).map(([rel, text]) => [rel, Buffer.from(text, 'utf8')]));
  for (const b of c.bytes) {
    const rel = md[b.file % md.length];
    const buf = bytes.get(rel)!;
    const at = b.at % (buf.length + 1);
    bytes.set(rel, Buffer.concat([buf.subarray(0, at), Buffer.from(b.bytes), buf.subarray(at)]));
  }
  for (const [rel, buf] of bytes) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), buf);
  }
  return bytes;
}

/** Every entry under `dir`: kind, size, mtime and content hash (files), mtime (folders). */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const st = fs.lstatSync(abs);
    if (st.isDirectory()) {
      out.push(`d ${rel} ${st.mtimeMs}`);
      for (const name of fs.readdirSync(abs).sort()) walk(rel ? `${rel}/${name}` : name);
    } else out.push(`f ${rel} ${st.size} ${st.mtimeMs} ${createHash('sha1').update(fs.readFileSync(abs)).digest('hex')}`);
  };
  walk('');
  return out;
}

/** The text of a file as the CLI reads it (invalid bytes as U+FFFD, a BOM dropped). */
function decoded(buf: Buffer): string {
  const text = new TextDecoder('utf-8').decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const noCrash = (r: { stderr: string }, what: string) => assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?\n|TypeError|RangeError|URIError|Maximum call stack/, `${what} crashed:\n${r.stderr}`);

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
}

describe('fuzz: the CLI', function () {
  this.timeout(FUZZ_TIMEOUT);

  it('check, list, open and stats on mutated corpora: no crash, diagnostics inside their files, the same with one thread, nothing written', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cli-'));
        try {
          const bytes = writeCase(dir, c);
          const before = snapshot(dir);
          const today = ['--today', '2025-08-22'];
          const check = runCli(['check', '.', '--format', 'json', ...today], dir);
          noCrash(check, 'check');
          assert.ok(check.code === 0 || check.code === 1, `check exited ${check.code}:\n${check.stderr}`);
          const diagnostics = JSON.parse(check.stdout) as JsonDiagnostic[];
          for (const d of diagnostics) {
            const buf = bytes.get(d.file);
            assert.ok(buf, `a diagnostic in ${d.file}, which is not in the folder`);
            assertRangeIn(lineLengths(decoded(buf)), { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } }, `${d.code} in ${d.file}`);
          }
          const single = runCli(['check', '.', '--format', 'json', '--jobs', '1', ...today], dir);
          assert.equal(single.stdout, check.stdout, 'check --jobs 1 differs from check');
          assert.equal(single.code, check.code);
          for (const args of [['list', '.', '--format', 'json'], ['open', '.', '--format', 'json']]) {
            const r = runCli(args, dir);
            noCrash(r, args[0]);
            assert.equal(r.code, 0, `${args[0]} exited ${r.code}:\n${r.stderr}`);
            if (r.stdout) JSON.parse(r.stdout);
          }
          const stats = runCli(['stats', MASTER], dir);
          noCrash(stats, 'stats');
          assert.ok(stats.code === 0 || stats.code === 2, `stats exited ${stats.code}:\n${stats.stderr}`);
          assert.deepEqual(snapshot(dir), before, 'the folder changed');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      fuzzParams(2, 0.2),
    );
  });
});
