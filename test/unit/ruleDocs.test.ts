/**
 * The rule pages (docs/rules/CODE.md) cannot drift: every code has a page, each page's examples are
 * run through the rules (the `fires=CODE` block gives exactly that code, the `fixed` one nothing), and
 * every diagnostic links its page (codeDescription.href = ruleDocUrl(code)).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CODES } from '../../server/src/core/config';
import { CONFIG_PROBLEM_CODE, readConfigFile } from '../../server/src/core/configFile';
import { RULE_DOCS_BASE, ruleDocUrl } from '../../server/src/core/ruleDocs';
import { NOT_CHECKED_CODE } from '../../server/src/lsp/openDocuments';
import { workspace } from './helpers';

const DOCS = path.resolve(__dirname, '..', '..', 'docs', 'rules');
const CODES = [...RULE_CODES, CONFIG_PROBLEM_CODE, NOT_CHECKED_CODE];

interface Example {
  lang: string;
  attrs: Record<string, string | true>;
  text: string;
}

/** The fenced blocks of a page, with their info strings' `key=value` words. */
function examples(page: string): Example[] {
  const out: Example[] = [];
  const fence = /^```(\S+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(page); m; m = fence.exec(page)) {
    const attrs: Record<string, string | true> = {};
    for (const w of m[2].trim().split(/\s+/).filter(Boolean)) {
      const eq = w.indexOf('=');
      if (eq < 0) attrs[w] = true;
      else attrs[w.slice(0, eq)] = w.slice(eq + 1);
    }
    out.push({ lang: m[1], attrs, text: m[3] });
  }
  return out;
}

/** The codes the rules give for one example (as `log.md`, with the page's other files). */
function codesOf(example: Example, files: Record<string, string>): string[] {
  if (example.lang === 'jsonc' || example.lang === 'json') return readConfigFile(example.text).problems.length > 0 ? [CONFIG_PROBLEM_CODE] : [];
  const today = typeof example.attrs.today === 'string' ? example.attrs.today : '2026-03-20';
  return workspace({ ...files, 'log.md': example.text }).diagnostics('log.md', today).map((d) => String(d.code));
}

describe('rule pages (docs/rules)', () => {
  it('every code has a page, and the index links each one', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const code of CODES) {
      assert.ok(fs.existsSync(path.join(DOCS, `${code}.md`)), `docs/rules/${code}.md`);
      assert.ok(index.includes(`](${code}.md)`), `README links ${code}`);
    }
    const pages = fs.readdirSync(DOCS).filter((f) => f !== 'README.md');
    assert.deepEqual(pages.sort(), CODES.map((c) => `${c}.md`).sort());
  });

  it('the address is the page in the repository', () => {
    for (const code of CODES) assert.equal(ruleDocUrl(code), `${RULE_DOCS_BASE}${code}.md`);
    assert.match(RULE_DOCS_BASE, /\/docs\/rules\/$/);
  });

  for (const code of CODES) {
    it(`${code}: the example fires it and nothing else; the fixed one fires nothing`, () => {
      const page = fs.readFileSync(path.join(DOCS, `${code}.md`), 'utf8');
      assert.match(page, new RegExp(`^# \`${code}\``));
      const all = examples(page);
      const files = Object.fromEntries(all.filter((e) => typeof e.attrs.file === 'string').map((e) => [e.attrs.file as string, e.text]));
      const fires = all.filter((e) => e.attrs.fires !== undefined);
      const fixed = all.filter((e) => e.attrs.fixed !== undefined);
      if (code === NOT_CHECKED_CODE) {
        // Its cause is a file's size or a failed read, not text: a page without runnable examples.
        assert.deepEqual([fires.length, fixed.length], [0, 0]);
        return;
      }
      assert.ok(fires.length > 0 && fixed.length > 0, 'a fires= and a fixed example');
      for (const e of fires) {
        assert.equal(e.attrs.fires, code);
        assert.deepEqual([...new Set(codesOf(e, files))], [code], e.text);
      }
      for (const e of fixed) assert.deepEqual(codesOf(e, files), [], e.text);
      // How to silence it is on the page.
      if ((RULE_CODES as readonly string[]).includes(code)) {
        for (const form of [`issue-log-disable-next-line ${code}`, `"${code}": "off"`, 'issueLog.rules']) assert.ok(page.includes(form), form);
      }
    });
  }

  it('every diagnostic of the rules links its page', () => {
    const page = (code: string) => examples(fs.readFileSync(path.join(DOCS, `${code}.md`), 'utf8'));
    let seen = 0;
    for (const code of RULE_CODES) {
      const all = page(code);
      const files = Object.fromEntries(all.filter((e) => typeof e.attrs.file === 'string').map((e) => [e.attrs.file as string, e.text]));
      for (const e of all.filter((x) => x.attrs.fires !== undefined)) {
        for (const d of workspace({ ...files, 'log.md': e.text }).diagnostics('log.md', '2026-03-20')) {
          assert.deepEqual(d.codeDescription, { href: ruleDocUrl(String(d.code)) });
          seen++;
        }
      }
    }
    assert.ok(seen >= RULE_CODES.length);
  });
});
