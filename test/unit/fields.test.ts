/**
 * Fields in every form contract v2 lists (list items, paragraph lines with and without hard breaks,
 * two-column tables, front matter), statistics items in v2's shapes, and the traps that are not fields.
 */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, parseBlockwise, parseWhole, readDocument, startOf, type DocumentFacts } from '../../server/src/core/document';
import type { FieldFact, HeadingFact } from '../../server/src/core/model';
import { positionAt } from '../../server/src/core/positions';
import { parseWithPrefix } from '../../server/src/core/blockwise';
import { absoluteFacts } from './factsView';
import { joinLines, uriOf, workspace } from './helpers';
import { Gen, normalizeFacts, prng, randomDocument } from './randomMarkdown';

const options = resolveOptions();
const read = (text: string) => readDocument(uriOf('LOG.md'), text, options);

/** `line:char` (1-based line) of a document offset of fact `f`. */
function pos(doc: DocumentFacts, f: FieldFact, offset: number): string {
  const p = positionAt(doc.lineStarts, startOf(doc, f, offset));
  return `${p.line + 1}:${p.character}`;
}

/** A field as the tests compare it: name, value, form, where it is and where its value is (and the value's source). */
function view(doc: DocumentFacts, text: string, f: FieldFact) {
  return {
    name: f.name,
    value: f.value,
    form: f.form,
    plain: f.plain,
    at: `${pos(doc, f, f.start)}-${pos(doc, f, f.end)}`,
    valueAt: `${pos(doc, f, f.valueStart)}-${pos(doc, f, f.valueEnd)}`,
    source: text.slice(startOf(doc, f, f.valueStart), startOf(doc, f, f.valueEnd)),
    links: f.links.map((l) => l.url),
  };
}

function fieldsOf(doc: DocumentFacts, heading: string): readonly FieldFact[] | undefined {
  return doc.headings.find((h: HeadingFact) => h.text === heading)?.fields;
}

describe('fields in every form of contract v2', () => {
  const text = joinLines(
    '# Log', // 1
    '',
    '### CRIT-001: List', // 3
    '- **Status**: Open',
    '- **Severity:** High',
    '- **Reference**: [master](MASTER.md#x)',
    '',
    '### CRIT-002: Hard breaks', // 8
    '**Status**: Open  ',
    '**Severity:** High\\',
    '**Reference**: [master](MASTER.md#x)',
    '',
    '### CRIT-003: Lines', // 13
    '**Status:** Open',
    '**Severity**: High',
    '**Reference**: [master](MASTER.md#x)',
    '',
    '### CRIT-004: Table', // 18
    '| Field | Value |',
    '|---|---|',
    '| **Status** | Open |',
    '| Severity |  High |',
    '| **Reference** | [master](MASTER.md#x) |',
    '',
  );
  const doc = read(text);
  const named = (title: string) => fieldsOf(doc, title)!.map((f) => [f.name, f.value, f.links.map((l) => l.url)]);
  const same = [
    ['Status', 'Open', []],
    ['Severity', 'High', []],
    ['Reference', 'master', ['MASTER.md#x']],
  ];

  it('each form gives the same names, values and links', () => {
    for (const title of ['CRIT-001: List', 'CRIT-002: Hard breaks', 'CRIT-003: Lines', 'CRIT-004: Table']) assert.deepEqual(named(title), same, title);
    assert.deepEqual(
      doc.entries.map((e) => [e.id, e.fields.map((f) => f.form)]),
      [
        ['CRIT-001', ['list', 'list', 'list']],
        ['CRIT-002', ['paragraph', 'paragraph', 'paragraph']],
        ['CRIT-003', ['paragraph', 'paragraph', 'paragraph']],
        ['CRIT-004', ['table', 'table', 'table']],
      ],
    );
  });

  it('a list item: from its marker, the value after the colon', () => {
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-001: List')!.map((f) => view(doc, text, f)),
      [
        { name: 'Status', value: 'Open', form: 'list', plain: undefined, at: '4:0-4:18', valueAt: '4:14-4:18', source: 'Open', links: [] },
        { name: 'Severity', value: 'High', form: 'list', plain: undefined, at: '5:0-5:20', valueAt: '5:16-5:20', source: 'High', links: [] },
        { name: 'Reference', value: 'master', form: 'list', plain: undefined, at: '6:0-6:38', valueAt: '6:17-6:38', source: '[master](MASTER.md#x)', links: ['MASTER.md#x'] },
      ],
    );
  });

  it('a paragraph line: its own line, the hard break left out', () => {
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-002: Hard breaks')!.map((f) => [f.name, view(doc, text, f).at, view(doc, text, f).valueAt, view(doc, text, f).source]),
      [
        ['Status', '9:0-9:16', '9:12-9:16', 'Open'],
        ['Severity', '10:0-10:18', '10:14-10:18', 'High'],
        ['Reference', '11:0-11:36', '11:15-11:36', '[master](MASTER.md#x)'],
      ],
    );
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-003: Lines')!.map((f) => [f.name, view(doc, text, f).at, view(doc, text, f).valueAt]),
      [
        ['Status', '14:0-14:16', '14:12-14:16'],
        ['Severity', '15:0-15:18', '15:14-15:18'],
        ['Reference', '16:0-16:36', '16:15-16:36'],
      ],
    );
    // The link of a paragraph field is the link in the document.
    const link = fieldsOf(doc, 'CRIT-003: Lines')![2].links[0];
    assert.equal(text.slice(startOf(doc, link, link.urlStart!), startOf(doc, link, link.urlEnd!)), 'MASTER.md#x');
  });

  it('a table row: the row, and the value cell', () => {
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-004: Table')!.map((f) => [f.name, view(doc, text, f).at, view(doc, text, f).valueAt, view(doc, text, f).source]),
      [
        ['Status', '21:0-21:21', '21:15-21:19', 'Open'],
        ['Severity', '22:0-22:20', '22:14-22:18', 'High'],
        ['Reference', '23:0-23:41', '23:18-23:39', '[master](MASTER.md#x)'],
      ],
    );
  });

  it('diagnostics on a field are on its line (a placeholder in a paragraph, a table, a list)', () => {
    const ws = workspace({
      'LOG.md': joinLines(
        '# Log',
        '',
        '### CRIT-001: Lines',
        '**Status**: Open  ',
        '**Date**: TBD  ',
        '**Assigned**: Ops',
        '',
        '### CRIT-002: Table',
        '| Field | Value |',
        '|---|---|',
        '| **Status** | Open |',
        '| **Date** | TODO |',
        '',
        '### CRIT-003: List',
        '- **Status**: Open',
        '- **Date**: TBD',
        '',
      ),
    });
    assert.deepEqual(ws.codes('LOG.md'), ['placeholder@5', 'placeholder@12', 'placeholder@16']);
    assert.deepEqual(
      ws.diagnostics('LOG.md').map((d) => ws.textAt('LOG.md', d.range)),
      ['**Date**: TBD', '| **Date** | TODO |', '- **Date**: TBD'],
    );
  });
});

describe('paragraph fields: continuation lines and traps', () => {
  it('a line without a field continues the value of the field before it', () => {
    const text = joinLines('### CRIT-001: Wrapped', '**Impact**: checkout fails', 'for every user', '**Status**: Open', '');
    const doc = read(text);
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-001: Wrapped')!.map((f) => view(doc, text, f)),
      [
        { name: 'Impact', value: 'checkout fails for every user', form: 'paragraph', plain: undefined, at: '2:0-3:14', valueAt: '2:12-3:14', source: 'checkout fails\nfor every user', links: [] },
        { name: 'Status', value: 'Open', form: 'paragraph', plain: undefined, at: '4:0-4:16', valueAt: '4:12-4:16', source: 'Open', links: [] },
      ],
    );
  });

  it('prose with a bold label in a sentence is not a field', () => {
    const doc = read(joinLines('### CRIT-001: Prose', 'The pool ran dry. **Note**: restart it.', '**Status**: Open', ''));
    assert.equal(fieldsOf(doc, 'CRIT-001: Prose'), undefined);
    assert.deepEqual(doc.entries[0].fields, []);
  });

  it('a bold phrase without a colon, and a list of prose, are not fields', () => {
    const doc = read(joinLines('### CRIT-001: Bold', '**Do not** restart: it drains.', '', '### CRIT-002: List', '- restart the pool', '- Status is Open', '- **Step one** then: two', ''));
    assert.equal(fieldsOf(doc, 'CRIT-001: Bold'), undefined);
    assert.deepEqual(fieldsOf(doc, 'CRIT-002: List'), []);
  });

  it('only the node right under the heading holds fields', () => {
    const doc = read(joinLines('### CRIT-001: Later', 'Some prose first.', '', '**Status**: Open', ''));
    assert.equal(fieldsOf(doc, 'CRIT-001: Later'), undefined);
  });

  it('a plain `Name: value` line is not an entry field; a table that is not two columns gives none', () => {
    const doc = read(joinLines('### CRIT-001: Plain', 'Attempts: 3', '**Status**: Open', '', '### CRIT-002: Wide', '| A | B | C |', '|---|---|---|', '| Status | Open | x |', '', '### CRIT-003: Words', 'Status: Open', ''));
    assert.deepEqual(
      fieldsOf(doc, 'CRIT-001: Plain')!.map((f) => [f.name, f.value, f.plain]),
      [
        ['Attempts', '3', true],
        ['Status', 'Open', undefined],
      ],
    );
    assert.deepEqual(
      doc.entries.map((e) => e.fields.map((f) => f.name)),
      [['Status'], [], []],
    );
    assert.equal(fieldsOf(doc, 'CRIT-002: Wide'), undefined);
    // A plain name is read only for a count.
    assert.equal(fieldsOf(doc, 'CRIT-003: Words'), undefined);
  });
});

describe('statistics items in the shapes of contract v2', () => {
  const items = (text: string) => read(text).statistics.map((b) => [b.heading.text, b.items.map((i) => [i.key, i.written, i.field.plain ?? false])]);

  it('bold or plain, list items or paragraph lines, with or without hard breaks', () => {
    assert.deepEqual(
      items(joinLines('## Quick Stats', 'Total: 5', 'Resolved: 2  ', '**Open**: 3\\', '**Critical:** 1', '', '## Summary Statistics', '- Total: 4', '- **High**: 2', '', '## Executive Summary', '- Low: 1', '')),
      [
        [
          'Quick Stats',
          [
            ['total', 5, true],
            ['resolved', 2, true],
            ['open', 3, false],
            ['critical', 1, false],
          ],
        ],
        ['Summary Statistics', [['total', 4, true], ['high', 2, false]]],
        ['Executive Summary', [['low', 1, true]]],
      ],
    );
  });

  it('a plain item is reported on its line, its number exactly', () => {
    const text = joinLines('# Log', '', '## Stats', 'Total Issues: 7  ', 'Open: 7', '');
    const doc = read(text);
    const [total, open] = doc.statistics[0].items;
    assert.equal(text.slice(startOf(doc, total.field, total.numberStart), startOf(doc, total.field, total.numberEnd)), '7');
    assert.equal(pos(doc, total.field, total.field.start), '4:0');
    assert.equal(pos(doc, open.field, open.numberStart), '5:6');
  });

  it('what is not a count, a word that only contains a heading word, and tables are not items', () => {
    assert.deepEqual(items(joinLines('## Statistics', '- Total: 15 (10 fixed, 5 active)', '- **Open**: 5', '')), [['Statistics', [['open', 5, false]]]]);
    assert.deepEqual(items(joinLines('## Statistical notes', '- **Total**: 3', '')), []);
    // A plain name takes a value that starts with its count: an ID is no count.
    assert.deepEqual(items(joinLines('## Summary', '- Critical: CRIT-001', '- High: 2 (both fixed)', '')), [['Summary', [['high', 2, true]]]]);
    assert.deepEqual(items(joinLines('## Summary', '| Label | Count |', '|---|---|', '| Total | 3 |', '')), []);
    // An entry's heading is not a statistics heading, whatever its title says.
    assert.deepEqual(items(joinLines('### CRIT-001: Stats page crash', '- **Open**: 3', '')), []);
  });
});

describe('line endings', () => {
  it('CRLF: paragraph fields and front matter give the same fields, their ends before the CR', () => {
    const lf = joinLines('---', 'status: Open', '---', '# CRIT-001: T', '', '## CRIT-002: U', '**Status**: Open  ', '**Date**: TBD', '');
    const crlf = lf.replace(/\n/g, '\r\n');
    const fieldsIn = (text: string) => {
      const doc = read(text);
      return doc.headings.map((h) => (h.fields ?? []).map((f) => [f.name, f.value, pos(doc, f, f.start), pos(doc, f, f.end), pos(doc, f, f.valueEnd)]));
    };
    assert.deepEqual(fieldsIn(crlf), fieldsIn(lf));
    assert.deepEqual(fieldsIn(lf), [
      [['status', 'Open', '2:0', '2:12', '2:12']],
      [
        ['Status', 'Open', '7:0', '7:16', '7:16'],
        ['Date', 'TBD', '8:0', '8:13', '8:13'],
      ],
    ]);
  });
});

describe('front matter', () => {
  const text = joinLines('---', 'id: INC-7', 'Status: "Resolved"', 'severity: High # set by triage', 'tags:', '  - db', '# a YAML comment', 'see: CRIT-001', '---', '', '# INC-7: Outage', '', 'Body with [a link](x.md).', '');

  it('gives fields to the H1, with exact offsets (quotes and comments left out)', () => {
    const doc = read(text);
    assert.deepEqual(
      fieldsOf(doc, 'INC-7: Outage')!.map((f) => view(doc, text, f)),
      [
        { name: 'id', value: 'INC-7', form: 'frontmatter', plain: undefined, at: '2:0-2:9', valueAt: '2:4-2:9', source: 'INC-7', links: [] },
        { name: 'Status', value: 'Resolved', form: 'frontmatter', plain: undefined, at: '3:0-3:18', valueAt: '3:9-3:17', source: 'Resolved', links: [] },
        { name: 'severity', value: 'High', form: 'frontmatter', plain: undefined, at: '4:0-4:30', valueAt: '4:10-4:14', source: 'High', links: [] },
        { name: 'see', value: 'CRIT-001', form: 'frontmatter', plain: undefined, at: '8:0-8:13', valueAt: '8:5-8:13', source: 'CRIT-001', links: [] },
      ],
    );
  });

  it('makes no heading, link or mention (not even its `# comment` line)', () => {
    const doc = read(text);
    assert.deepEqual(
      doc.headings.map((h) => h.text),
      ['INC-7: Outage'],
    );
    assert.deepEqual(
      doc.links.map((l) => l.url),
      ['x.md'],
    );
    // The only mention is the H1's own ID (parsing reads every ID; `see: CRIT-001` is front matter).
    assert.deepEqual(
      doc.mentions.map((m) => [m.id, m.start]),
      [['INC-7', text.indexOf('# INC-7') + 2]],
    );
  });

  it('is read block-wise, with definitions from other blocks, and in an open document after edits, as in one go', () => {
    // The front matter's block uses a definition of another block: it is parsed with it before.
    const long = text.replace('Body with', 'Body [ref] with') + joinLines('## Notes', 'Uses [ref].', '', '## More', '[ref]: ./r.md', '');
    assert.deepEqual(normalizeFacts(parseBlockwise(long, options)), normalizeFacts(parseWhole(long, options)));
    const headingsOf = (f: ReturnType<typeof parseWhole>) => (normalizeFacts(f) as { headings: unknown }).headings;
    assert.deepEqual(headingsOf(parseWithPrefix('[ref]: ./r.md\n\n', text, options)), headingsOf(parseWhole(text, options)));
    const open = new OpenDocument(uriOf('LOG.md'), options);
    open.update(long);
    // An edit in the front matter, one in the H1 section, one that removes the closing fence, and one that puts it back.
    const at = long.indexOf('High');
    const edits: [string, { start: number; end: number }][] = [];
    let now = long.slice(0, at) + 'Critical' + long.slice(at + 4);
    edits.push([now, { start: at, end: at + 8 }]);
    const body = now.indexOf('Body');
    now = now.slice(0, body) + 'Some ' + now.slice(body);
    edits.push([now, { start: body, end: body + 5 }]);
    const close = now.indexOf('---', 3);
    const without = now.slice(0, close) + 'xx-' + now.slice(close + 3);
    edits.push([without, { start: close, end: close + 3 }]);
    edits.push([now, { start: close, end: close + 3 }]);
    for (const [t, changed] of edits) {
      const incremental = open.update(t, changed);
      assert.deepEqual(absoluteFacts(incremental), absoluteFacts(readDocument(uriOf('LOG.md'), t, options)));
    }
    assert.ok(open.parsed > 0 && open.reused > 0, 'edits re-parse only some blocks');
    assert.deepEqual(
      fieldsOf(open.update(now), 'INC-7: Outage')!.map((f) => f.value),
      ['INC-7', 'Resolved', 'Critical', 'CRIT-001'],
    );
    // Without its closing fence it is no front matter: the parse reads what remark reads.
    assert.equal(fieldsOf(read(without), 'INC-7: Outage'), undefined);
  });

  it('is only at the very start, only for an H1 right after it, and only with `key: value` lines', () => {
    assert.equal(fieldsOf(read(joinLines('', '---', 'status: Open', '---', '# T', '')), 'T'), undefined);
    assert.equal(fieldsOf(read(joinLines('---', 'status: Open', '---', '## T', '')), 'T'), undefined);
    // Prose between the fences: a thematic break and a setext heading, as remark and GitHub read them.
    const prose = read(joinLines('---', 'status: Open', 'and some prose', '---', '# T', ''));
    assert.deepEqual(
      prose.headings.map((h) => [h.depth, h.text]),
      [
        [2, 'status: Open\nand some prose'],
        [1, 'T'],
      ],
    );
  });
});

describe('every field form, block-wise and after edits, as in one go', () => {
  /** A random document with its field lists written as paragraph lines (hard breaks or not) and tables, behind front matter. */
  function variant(seed: number): string {
    const g = new Gen(prng(seed));
    const lines = randomDocument(seed).split('\n');
    const out: string[] = ['---', `status: ${g.pick(['Open', 'Resolved', '"TBD"'])}`, '# comment', '---', '', `# CRIT-00${seed % 10}: One entry`, ''];
    for (let i = 0; i < lines.length; i++) {
      const m = /^[-*+] (\*\*[^*]+\*\*): (.*)$/.exec(lines[i]);
      if (!m) out.push(lines[i]);
      else if (seed % 3 === 0) out.push(`${m[1]}: ${m[2]}${g.pick(['', '  ', '\\'])}`);
      else if (seed % 3 === 1) {
        if (!/^[-*+] \*\*/.test(lines[i - 1] ?? '')) out.push('| Field | Value |', '|---|---|');
        out.push(`| ${m[1]} | ${m[2]} |`);
      } else out.push(`${m[1].replace(/\*/g, '')}: ${1 + g.int(20)}`);
    }
    return out.join('\n');
  }

  it('on 30 random documents, and 4 random edits of each in an open document (the first at its start)', function () {
    this.timeout(120_000);
    const forms = new Set<string | undefined>();
    for (let seed = 1; seed <= 30; seed++) {
      let text = variant(seed);
      assert.deepEqual(normalizeFacts(parseBlockwise(text, options)), normalizeFacts(parseWhole(text, options)), `document ${seed}:\n${text}`);
      const g = new Gen(prng(seed * 7));
      const open = new OpenDocument(uriOf('LOG.md'), options);
      open.update(text);
      for (const h of parseWhole(text, options).headings) for (const f of h.fields ?? []) forms.add(f.form);
      for (let k = 0; k < 4; k++) {
        const start = k === 0 ? 0 : g.int(text.length + 1);
        const end = Math.min(text.length, start + g.int(12));
        const insert = g.pick(['', '-', '---\n', '**Status**: ', '| x | y |\n', '\n', '# ', 'Total: 3\n', ': ']);
        text = text.slice(0, start) + insert + text.slice(end);
        const facts = open.update(text, { start, end: start + insert.length });
        assert.deepEqual(absoluteFacts(facts), absoluteFacts(readDocument(uriOf('LOG.md'), text, options)), `document ${seed}, edit ${k}:\n${text}`);
      }
    }
    assert.deepEqual([...forms].sort(), ['frontmatter', 'list', 'paragraph', 'table']);
  });
});
