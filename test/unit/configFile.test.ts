/** `.issue-log.json`: every key read when valid and reported (with its range) when not; the merge with the settings. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_RULE_SEVERITY, mergeSettings, reindexSettingsChanged, resolveOptions, RULE_CODES, SCOPES, SEVERITIES, type IssueLogSettings } from '../../server/src/core/config';
import { addStatusWordEdits, CONFIG_FILE_NAME, CONFIG_KEYS, readConfigFile, type ConfigProblem } from '../../server/src/core/configFile';
import { parseSettingsHash, parseSettingsOf } from '../../server/src/node/factsCache';

/** Each problem as the text it covers. */
const covered = (text: string, problems: ConfigProblem[]) => problems.map((p) => text.slice(p.offset, p.offset + p.length));

describe('.issue-log.json: reading', () => {
  it('reads the contract example, comments and trailing commas included, without a problem', () => {
    const text = `{
      "scope": "references",            // or "linked"
      "prefixes": { "SEC": "Critical", "BUG": "" },   // extra ID prefixes
      "status": { "open": ["Planned", "Triaged"], "resolved": ["Verified"] },
      /* a block comment */
      "severity": { "Critical": ["Blocker"], "Low": ["Cosmetic"] },
      "rules": { "sla-breach": "off", "stale-stat": "error" },
      "exclude": ["archive/**"],
      "ignoreLinks": ["https://*", "../private/**"],
    }`;
    const { settings, problems } = readConfigFile(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      scope: 'references',
      prefixes: { SEC: 'Critical', BUG: '' },
      status: { open: ['Planned', 'Triaged'], resolved: ['Verified'] },
      severity: { Critical: ['Blocker'], Low: ['Cosmetic'] },
      rules: { 'sla-breach': 'off', 'stale-stat': 'error' },
      exclude: ['archive/**'],
      ignoreLinks: ['https://*', '../private/**'],
    });
  });

  it('reads an empty file and an empty object as saying nothing', () => {
    assert.deepEqual(readConfigFile(''), { settings: {}, problems: [] });
    assert.deepEqual(readConfigFile('{}'), { settings: {}, problems: [] });
    assert.deepEqual(readConfigFile('// only a comment\n'), { settings: {}, problems: [] });
  });

  it('reports each invalid value at the value, keeping the valid ones', () => {
    const cases: { text: string; covered: string[]; settings: object }[] = [
      { text: '{"scope": "everything"}', covered: ['"everything"'], settings: {} },
      { text: '{"scope": 1}', covered: ['1'], settings: {} },
      { text: '{"scope": "linked"}', covered: [], settings: { scope: 'linked' } },
      { text: '{"prefixes": ["SEC"]}', covered: ['["SEC"]'], settings: {} },
      { text: '{"prefixes": {"SEC": "Urgent", "BUG": "", "9X": "Low", "Q": "low"}}', covered: ['"Urgent"', '"9X"'], settings: { prefixes: { BUG: '', Q: 'Low' } } },
      { text: '{"prefixes": {"SEC": 3}}', covered: ['3'], settings: { prefixes: {} } },
      { text: '{"status": {"open": "Planned"}}', covered: ['"Planned"'], settings: { status: {} } },
      { text: '{"status": {"open": ["Planned", 2], "closed": ["Done"]}}', covered: ['2', '"closed"'], settings: { status: { open: ['Planned'] } } },
      { text: '{"status": true}', covered: ['true'], settings: {} },
      { text: '{"severity": {"Blocker": ["x"], "High": ["Major"]}}', covered: ['"Blocker"'], settings: { severity: { High: ['Major'] } } },
      { text: '{"severity": {"High": "Major"}}', covered: ['"Major"'], settings: { severity: {} } },
      { text: '{"rules": {"no-such-rule": "off", "sla-breach": "loud", "placeholder": "hint"}}', covered: ['"no-such-rule"', '"loud"'], settings: { rules: { placeholder: 'hint' } } },
      { text: '{"rules": "off"}', covered: ['"off"'], settings: {} },
      { text: '{"exclude": "archive/**"}', covered: ['"archive/**"'], settings: {} },
      { text: '{"exclude": ["a/**", null]}', covered: ['null'], settings: { exclude: ['a/**'] } },
      { text: '{"ignoreLinks": {"a": 1}}', covered: ['{"a": 1}'], settings: {} },
      { text: '{"ignoreLinks": ["https://*"]}', covered: [], settings: { ignoreLinks: ['https://*'] } },
    ];
    for (const c of cases) {
      const { settings, problems } = readConfigFile(c.text);
      assert.deepEqual(covered(c.text, problems), c.covered, c.text);
      assert.deepEqual(settings, c.settings, c.text);
    }
  });

  it('reports an unknown key at its name, and a file that is not an object', () => {
    const text = '{\n  "rules": {},\n  "colour": "blue"\n}';
    const { settings, problems } = readConfigFile(text);
    assert.deepEqual(covered(text, problems), ['"colour"']);
    assert.deepEqual(settings, { rules: {} });
    const list = '["scope"]';
    assert.deepEqual(covered(list, readConfigFile(list).problems), [list]);
  });

  it('reports syntax errors where they are, and reads what it can', () => {
    const missingComma = '{\n  "scope": "linked"\n  "exclude": ["a/**"]\n}';
    const r = readConfigFile(missingComma);
    assert.equal(r.problems.length, 1);
    assert.deepEqual(covered(missingComma, r.problems), ['"exclude"']);
    assert.deepEqual(r.settings, { scope: 'linked', exclude: ['a/**'] });

    const unclosed = '{ "scope": "linked", "rules": { "sla-breach": "off" ';
    const u = readConfigFile(unclosed);
    assert.ok(u.problems.length > 0);
    assert.ok(u.problems.every((p) => p.offset >= 0 && p.offset <= unclosed.length), 'every problem lies in the file');
    assert.equal(u.problems[u.problems.length - 1].offset, unclosed.length, 'the missing brace is reported at the end');

    const unclosedComment = '{ "scope": "linked" } /* never closed';
    const c = readConfigFile(unclosedComment);
    assert.deepEqual(c.problems.map((p) => p.offset), [unclosedComment.indexOf('/*')]);

    for (const garbage of ['{', '}', '{"scope":', '{"a" "b"}', 'nonsense', '{"rules": {"sla-breach": }}', '\u0000']) {
      const g = readConfigFile(garbage);
      assert.ok(g.problems.length > 0, JSON.stringify(garbage));
      assert.ok(g.problems.every((p) => p.offset >= 0 && p.offset + p.length <= garbage.length), JSON.stringify(garbage));
    }
  });
});

describe('.issue-log.json: merged with the settings', () => {
  const file = (text: string) => readConfigFile(text).settings;

  it('the file wins where both say, the settings fill in the rest', () => {
    const settings: IssueLogSettings = { rules: { 'sla-breach': 'hint', placeholder: 'off' }, exclude: ['old/**'], prefixes: { CRIT: 'Critical', OPEN: '' }, caseSensitiveAnchors: true };
    const merged = mergeSettings(settings, file('{"rules": {"sla-breach": "error"}, "exclude": ["archive/**"], "prefixes": {"SEC": "High", "OPEN": "Low"}}'));
    const o = resolveOptions(merged);
    assert.equal(o.rules['sla-breach'], 'error', 'the file wins');
    assert.equal(o.rules.placeholder, 'off', 'the settings fill in');
    assert.equal(o.rules['stale-stat'], DEFAULT_RULE_SEVERITY['stale-stat'], 'the defaults for what neither says');
    assert.deepEqual(o.exclude, ['old/**', 'archive/**']);
    assert.deepEqual([...o.prefixes], [
      ['CRIT', 'Critical'],
      ['OPEN', 'Low'],
      ['SEC', 'High'],
    ]);
    assert.equal(o.caseSensitiveAnchors, true);
  });

  it('adds the file\'s prefixes to the default ones when the settings name none', () => {
    const o = resolveOptions(mergeSettings({}, file('{"prefixes": {"BUG": ""}}')));
    assert.deepEqual([...o.prefixes.keys()], ['CRIT', 'HIGH', 'MED', 'LOW', 'OPEN', 'BUG']);
    assert.equal(o.prefixes.get('BUG'), undefined);
    assert.ok('BUG-007'.match(o.idPattern), 'the ID pattern knows the new prefix');
  });

  it('carries scope, status and severity words and ignoreLinks into the options, with defaults', () => {
    const none = resolveOptions(mergeSettings({}, file('{}')));
    assert.equal(none.scope, 'references');
    assert.deepEqual(none.statusWords, { open: [], resolved: [] });
    assert.deepEqual(none.severityWords, { Critical: [], High: [], Medium: [], Low: [] });
    assert.deepEqual(none.ignoreLinks, []);
    const o = resolveOptions(mergeSettings({}, file('{"scope": "linked", "status": {"resolved": ["Verified"]}, "severity": {"Low": ["Cosmetic"]}, "ignoreLinks": ["../private/**"]}')));
    assert.equal(o.scope, 'linked');
    assert.deepEqual(o.statusWords, { open: [], resolved: ['Verified'] });
    assert.deepEqual(o.severityWords.Low, ['Cosmetic']);
    assert.deepEqual(o.ignoreLinks, ['../private/**']);
  });

  it('without a file, the settings are what they were', () => {
    const settings: IssueLogSettings = { rules: { placeholder: 'hint' }, exclude: ['x/**'] };
    assert.deepEqual(mergeSettings(settings, {}), settings);
  });
});

describe('.issue-log.json: what re-indexes', () => {
  it('status and severity words re-index (they change how entries are read); scope and ignoreLinks only re-check', () => {
    const base = resolveOptions({});
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({ status: { open: ['Planned'] }, severity: { Low: ['Cosmetic'] } })), ['status', 'severity']);
    assert.deepEqual(reindexSettingsChanged(base, resolveOptions({ scope: 'linked', ignoreLinks: ['https://*'] })), []);
  });
});

describe('.issue-log.json: problem severities', () => {
  it('a syntax error is an error; a setting ignored is a warning', () => {
    const text = '{"scope": "everything" "rules": {}}';
    assert.deepEqual(
      readConfigFile(text).problems.map((p) => [text.slice(p.offset, p.offset + p.length), p.severity]),
      [
        ['"rules"', 'error'],
        ['"everything"', 'warning'],
      ],
    );
  });
});

describe('.issue-log.json: the JSON schema the extension contributes', () => {
  const repo = path.resolve(__dirname, '..', '..');
  const json = (rel: string) => JSON.parse(fs.readFileSync(path.join(repo, rel), 'utf8'));
  const schema = json('schemas/issue-log.schema.json');
  const pkg = json('package.json');

  it('has the keys, rule codes and values the reader accepts', () => {
    assert.deepEqual(Object.keys(schema.properties), [...CONFIG_KEYS]);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...RULE_CODES]);
    assert.deepEqual(schema.properties.scope.enum, [...SCOPES]);
    assert.deepEqual(Object.keys(schema.properties.severity.properties), [...SEVERITIES]);
  });
  it('is contributed for .issue-log.json, read as JSON with comments, and shipped in the .vsix', () => {
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE_NAME, url: './schemas/issue-log.schema.json' }]);
    assert.ok(pkg.contributes.languages.some((l: { id: string; filenames?: string[] }) => l.id === 'jsonc' && l.filenames?.includes(CONFIG_FILE_NAME)));
    assert.ok(fs.readFileSync(path.join(repo, '.vscodeignore'), 'utf8').split('\n').includes('!schemas/**'));
  });
  it('the rules setting has every rule code too', () => {
    const rules = pkg.contributes.configuration.properties['issueLog.rules'];
    assert.deepEqual(Object.keys(rules.properties), [...RULE_CODES]);
    assert.deepEqual(rules.default, DEFAULT_RULE_SEVERITY);
  });
});

describe('.issue-log.json: the words reach the parse threads and the cache key', () => {
  it('parse settings carry the status and severity words; the cache key changes with them only', () => {
    const plain = resolveOptions({});
    const worded = resolveOptions({ status: { resolved: ['Verified'] } });
    assert.deepEqual(resolveOptions(parseSettingsOf(worded)).statusWords, worded.statusWords);
    assert.notEqual(parseSettingsHash(worded), parseSettingsHash(plain));
    assert.equal(parseSettingsHash(resolveOptions({ scope: 'linked' })), parseSettingsHash(plain));
  });
});

describe('.issue-log.json: adding a status word (for unknown-status\'s quick fix)', () => {
  const apply = (text: string, edits: { offset: number; length: number; content: string }[]) => {
    let out = text;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    return out;
  };
  it('adds the word to the list, keeping comments and the rest of the file', () => {
    const text = '{\n  // ours\n  "status": { "open": ["Planned"] },\n  "rules": {}\n}\n';
    const after = apply(text, addStatusWordEdits(text, 'open', 'Triaged')!);
    assert.match(after, /\/\/ ours/);
    assert.deepEqual(readConfigFile(after), { settings: { status: { open: ['Planned', 'Triaged'] }, rules: {} }, problems: [] });
  });
  it('creates the keys it needs, and writes a new file', () => {
    const text = '{ "rules": { "placeholder": "off" } }';
    assert.deepEqual(readConfigFile(apply(text, addStatusWordEdits(text, 'resolved', 'Verified')!)).settings, { rules: { placeholder: 'off' }, status: { resolved: ['Verified'] } });
    for (const none of [undefined, '', '\n']) {
      const written = apply(none ?? '', addStatusWordEdits(none, 'resolved', 'Verified')!);
      assert.deepEqual(readConfigFile(written), { settings: { status: { resolved: ['Verified'] } }, problems: [] });
    }
  });
  it('changes nothing when the word is there, and offers nothing on a broken file', () => {
    assert.deepEqual(addStatusWordEdits('{"status": {"open": ["Planned"]}}', 'open', 'Planned'), []);
    assert.equal(addStatusWordEdits('{"status": ', 'open', 'Planned'), undefined);
    assert.equal(addStatusWordEdits('{"status": "open"}', 'open', 'Planned'), undefined);
  });
});
