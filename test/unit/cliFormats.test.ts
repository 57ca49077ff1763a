/**
 * check's CI formats (`node dist/cli.js check`, a child process, on cliOutputFixture's repository):
 * SARIF 2.1.0 validated against the OASIS schema (test/fixtures/sarif, draft-04, with ajv), JUnit XML
 * parsed back (fast-xml-parser), and GitHub workflow-command annotations unescaped back. Each is
 * compared with `--format json` of the same workspace: same diagnostics, same order.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { URI } from 'vscode-uri';
import type { Printed } from '../../server/src/cli';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { escapeXml } from '../../server/src/cli/formats/junit';
import { DEFAULT_RULE_SEVERITY, RULE_CODES } from '../../server/src/core/config';
import { ruleDocUrl } from '../../server/src/core/ruleDocs';
import { AWKWARD_FILE, check, checkJson, outputRepository } from './cliOutputFixture';
import { REPO } from './cliRun';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema's formats, checked as RFC 3986 and RFC 3339 say (ajv-formats is not a dependency).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s%](?![0-9a-f]{2})/i.test(s) && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(SCHEMA);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
}

describe('CLI --format sarif', function () {
  this.timeout(120_000);
  let root: string;
  let json: Printed[];
  let sarif: { runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; defaultConfiguration: { level: string }; helpUri: string; shortDescription: { text: string } }[] } }; originalUriBaseIds: { SRCROOT: { uri: string } }; results: SarifResult[] }[] };
  let code: number | null;
  before(() => {
    root = outputRepository({ '.issue-log.json': '{ "colour": "blue" }\n' });
    json = checkJson(root);
    const r = check(root, ['.', '--format', 'sarif']);
    code = r.code;
    sarif = JSON.parse(r.stdout);
  });

  it('is valid SARIF 2.1.0 (the OASIS schema)', () => {
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 1));
    assert.equal(code, 1, 'the exit status does not depend on the format');
  });
  it('names the tool and every rule with its default level and help page', () => {
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'issue-log');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((r) => r.id), [...RULE_CODES, 'config']);
    for (const code of RULE_CODES) {
      const rule = driver.rules.find((r) => r.id === code)!;
      assert.equal(rule.defaultConfiguration.level, LEVEL[DEFAULT_RULE_SEVERITY[code]], code);
      assert.equal(rule.helpUri, ruleDocUrl(code));
      assert.ok(rule.shortDescription.text.length > 0);
    }
  });
  it('has one result per diagnostic, in the order printed, located relative to SRCROOT (the workspace root)', () => {
    const run = sarif.runs[0];
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, URI.file(root).toString() + '/');
    assert.equal(run.results.length, json.length);
    assert.ok(json.some((d) => d.file === AWKWARD_FILE) && json.some((d) => d.code === 'config') && json.some((d) => d.severity === 'information'));
    run.results.forEach((r, i) => {
      const d = json[i];
      assert.equal(r.ruleId, d.code);
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, d.code);
      assert.equal(r.level, LEVEL[d.severity]);
      assert.equal(r.message.text, d.message);
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), d.file, 'relative to the root, which is the current folder here');
      assert.deepEqual(loc.region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    });
    const awkward = run.results.find((r) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri) === AWKWARD_FILE)!;
    assert.equal(awkward.locations[0].physicalLocation.artifactLocation.uri, 'docs/notes%2C%20v2%3A%20100%25%20draft.md');
  });
  it('locates relative to the root whatever the current folder, and is the same on every run', () => {
    const fromDocs = check(path.join(root, 'docs'), ['.', '--format', 'sarif']);
    const again = JSON.parse(fromDocs.stdout);
    assert.deepEqual(again.runs[0].results, sarif.runs[0].results.filter((r) => !r.locations[0].physicalLocation.artifactLocation.uri.startsWith('.issue-log')));
    assert.equal(check(root, ['.', '--format', 'sarif', '--jobs', '1']).stdout, JSON.stringify(sarif, null, 2) + '\n');
  });
});

describe('CLI --format junit', function () {
  this.timeout(120_000);
  let json: Printed[];
  let xml: string;
  let files: string[];
  before(() => {
    const root = outputRepository();
    json = checkJson(root);
    xml = check(root, ['.', '--format', 'junit']).stdout;
    files = ['docs/06-Master/MASTER-ISSUE-LOG.md', AWKWARD_FILE, 'docs/clean.md'].sort();
  });
  const parse = () =>
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => name === 'testsuite' || name === 'testcase', trimValues: false }).parse(xml);

  it('is well-formed XML with a suite per file checked, a failing case per error or warning', () => {
    assert.equal(XMLValidator.validate(xml), true);
    const doc = parse();
    const failing = json.filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.equal(doc.testsuites.failures, String(failing.length));
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: { name: string; file: string; failure?: { type: string; message: string } }[]; 'system-out'?: string }[];
    assert.deepEqual(suites.map((s) => s.name), files);
    assert.equal(doc.testsuites.tests, String(suites.reduce((n, s) => n + s.testcase.length, 0)));
    for (const s of suites) {
      const mine = failing.filter((d) => d.file === s.name);
      assert.equal(s.failures, String(mine.length), s.name);
      assert.equal(s.tests, String(s.testcase.length));
      if (mine.length === 0) {
        assert.equal(s.testcase.length, 1, 'a file without failures is one passing case');
        assert.equal(s.testcase[0].failure, undefined);
        continue;
      }
      assert.deepEqual(
        s.testcase.map((c) => [c.file, c.failure?.type, c.failure?.message]),
        mine.map((d) => [d.file, d.severity, d.message]),
      );
    }
  });
  it('lists information and hints in the file\'s system-out, not as tests', () => {
    const suite = (parse().testsuites.testsuite as { name: string; 'system-out'?: string }[]).find((s) => s.name === 'docs/06-Master/MASTER-ISSUE-LOG.md')!;
    const infos = json.filter((d) => d.file === suite.name && d.severity === 'information');
    assert.ok(infos.length > 0);
    assert.equal(suite['system-out']!.split('\n').length, infos.length);
    assert.deepEqual(suite['system-out']!.split('\n').map((l) => l.split(' ').slice(0, 3).join(' ')), infos.map((d) => `${d.file}:${d.line}:${d.column} info ${d.code}`));
  });
  it('escapes what XML cannot hold as it is', () => {
    const awkward = json.find((d) => d.file === AWKWARD_FILE && d.code === 'broken-link')!;
    assert.match(awkward.message, /&.*<.*>.*"/, 'the fixture\'s message has the characters to escape');
    const bad = 'a & b < c > d " e \' f\u0001g\uFFFEh\ud800i\ttab\nline\r';
    const back = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, htmlEntities: true }).parse(`<x a="${escapeXml(bad, true)}">${escapeXml(bad)}</x>`);
    const kept = 'a & b < c > d " e \' f\uFFFDg\uFFFDh\uFFFDi\ttab\nline';
    assert.equal(back.x.a, kept + '\r');
    assert.ok(XMLValidator.validate(`<x>${escapeXml(bad)}</x>`) === true);
  });
});

/** A workflow command parsed back: command, properties (unescaped), message (unescaped). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, line);
  const un = (s: string) => s.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of m[2].split(',')) {
    const eq = kv.indexOf('=');
    props[kv.slice(0, eq)] = un(kv.slice(eq + 1));
  }
  return { command: m[1], props, message: un(m[3]) };
}

describe('CLI --format github', function () {
  this.timeout(120_000);
  it('prints one annotation per diagnostic: error, warning, notice; file, position and code as properties', () => {
    const root = outputRepository();
    const json = checkJson(root);
    const r = check(root, ['.', '--format', 'github']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.length);
    lines.forEach((l, i) => {
      const d = json[i];
      const c = parseCommand(l);
      assert.equal(c.command, { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[d.severity]);
      assert.deepEqual(c.props, { file: d.file, line: String(d.line), col: String(d.column), endLine: String(d.endLine), endColumn: String(d.endColumn), title: d.code });
      assert.equal(c.message, d.message);
    });
    assert.ok(lines.some((l) => l.startsWith('::error file=docs/notes%2C v2%3A 100%25 draft.md,')));
  });
  it('escapes as the Actions toolkit does: % CR LF in the message, also : and , in properties', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    const multi = annotation({ file: 'x.md', line: 3, column: 2, endLine: 5, endColumn: 4, severity: 'hint', code: 'c', message: 'm\nn' });
    // Columns only on a one-line annotation (GitHub drops them otherwise).
    assert.equal(multi, '::notice file=x.md,line=3,endLine=5,title=c::m%0An');
  });
});
