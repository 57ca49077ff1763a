/**
 * Heading ids and HTML anchors as GitHub renders them (contract v2, "Links and anchors"; issue 12).
 * Sources: github-slugger's rules (https://github.com/Flet/github-slugger: lower-case, punctuation
 * dropped, each space a `-`, nothing trimmed) applied to the heading's rendered text, as GitHub's
 * renderer does (https://github.com/github/cmark-gfm, extensions/autolink and the html renderer's
 * `id` of headings); HTML's attribute names are case-insensitive and `#top` is the top of the page
 * (https://html.spec.whatwg.org/multipage/browsing-the-web.html#scroll-to-the-fragment-identifier).
 * Each case: a log links to the anchor; firing = broken-anchor, not firing = none.
 */
import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { resolveOptions, type IssueLogSettings } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

/** A log that links to `target.md#fragment` for each fragment, one per line (line 4 onwards). */
function logLinking(fragments: string[]): string {
  return joinLines('# Log', '### CRIT-001: Pool', '- **Status**: Open', ...fragments.map((f) => `See [it](target.md#${f}).`));
}

/** The 1-based lines of the log's broken anchors. */
function brokenLines(target: string, fragments: string[], settings: IssueLogSettings = {}): number[] {
  const ws = workspace({ 'log.md': logLinking(fragments), 'target.md': target }, settings);
  return ws.diagnostics('log.md').filter((d) => d.code === 'broken-anchor').map((d) => d.range.start.line + 1);
}

const slugsOf = (text: string) => readDocument(uriOf('t.md'), text, resolveOptions()).headings.map((h) => h.slug);

describe('heading ids as GitHub renders them', () => {
  it('a README title with a badge keeps the space the badge leaves: `# Name [![CI](badge.svg)](…)` is #name- (github-slugger does not trim)', () => {
    assert.deepEqual(slugsOf('# Name [![CI](badge.svg)](https://ci.example/x)\n'), ['name-']);
    assert.deepEqual(brokenLines('# Name [![CI](badge.svg)](https://ci.example/x)\n', ['name-', 'name']), [5]);
  });

  it('a comment at the end of a heading leaves a space: `# a <!-- note -->` is #a-', () => {
    assert.deepEqual(slugsOf('# a <!-- note -->\n'), ['a-']);
    assert.deepEqual(brokenLines('# a <!-- note -->\n', ['a-', 'a']), [5]);
  });

  it('a comment or an image at the start leaves a leading `-`', () => {
    assert.deepEqual(slugsOf('# <!-- x --> Title\n## ![logo](l.png) Setup\n'), ['-title', '-setup']);
  });

  it('repeats are counted on those ids: `# a <!-- 1 -->` twice is a-, a--1', () => {
    assert.deepEqual(slugsOf('# a <!-- 1 -->\n\n# a <!-- 2 -->\n'), ['a-', 'a--1']);
  });

  it('an entry heading still reads its trimmed title (only the id keeps the space)', () => {
    const doc = readDocument(uriOf('t.md'), '### CRIT-001: Pool <!-- owner: db -->\n- **Status**: Open\n', resolveOptions());
    assert.equal(doc.headings[0].text, 'CRIT-001: Pool');
    assert.equal(doc.headings[0].slug, 'crit-001-pool-');
  });

  it('plain headings are unchanged: inline code and emphasis are rendered text', () => {
    assert.deepEqual(slugsOf('## The `pool` *size*\n'), ['the-pool-size']);
  });
});

describe('HTML anchors as browsers see them', () => {
  it('id and name attribute names in any case', () => {
    assert.deepEqual(brokenLines('<a ID="upper"></a>\n\n<a Name="mixed"></a>\n', ['upper', 'mixed', 'missing']), [6]);
  });

  it('every id and name on a tag, not only the first', () => {
    assert.deepEqual(brokenLines('<a id="one" name="two"></a>\n', ['one', 'two']), []);
  });

  it('nothing inside an HTML comment', () => {
    assert.deepEqual(brokenLines('<!-- <a id="hidden"></a> -->\n\n<a id="shown"></a>\n', ['hidden', 'shown']), [4]);
  });

  it('a quoted value may hold `>` and the id after it is read', () => {
    assert.deepEqual(brokenLines('<div title="a > b" id="after"></div>\n', ['after']), []);
  });

  it('#top, in any case, is the top of the page', () => {
    assert.deepEqual(brokenLines('# Only heading\n', ['top', 'TOP', 'topp']), [6]);
  });

  // remark-validate-links (https://github.com/remarkjs/remark-validate-links, `topAnchors`): GitHub and
  // GitLab render a Markdown file inside an element with id `readme`, so #readme is its top.
  it('#readme, as written, is the top of a rendered Markdown file on GitHub and GitLab', () => {
    assert.deepEqual(brokenLines('# Only heading\n', ['readme', 'README']), [5]);
    assert.deepEqual(brokenLines('# Only heading\n', ['readme'], { caseSensitiveAnchors: true }), []);
  });

  it('file.md?plain=1#L3 and #L2-L3 are lines of the source view (GitHub numbers lines from 1; a final line ending starts none)', () => {
    const ws = workspace({
      'log.md': joinLines('# Log', '### CRIT-001: Pool', '- **Status**: Open', 'See [a](target.md?plain=1#L3), [b](target.md?plain=1#L2-L3), [c](target.md?plain=1#L4), [d](target.md#L3), [e](target.md?plain=1#L3-L2).'),
      'target.md': 'one\ntwo\nthree\n',
    });
    const broken = ws.diagnostics('log.md').filter((d) => d.code === 'broken-anchor').map((d) => ws.textAt('log.md', d.range));
    assert.deepEqual(broken, ['[c](target.md?plain=1#L4)', '[d](target.md#L3)', '[e](target.md?plain=1#L3-L2)']);
  });
});

// github-slugger (https://github.com/Flet/github-slugger, README and test fixtures): lower-case, every
// character that is not a letter, number, mark, `-`, `_` or space dropped, each space a `-`, repeats
// counted as -1, -2; GitHub slugs the heading's rendered text (entities decoded, markup dropped).
describe('github-slugger on the rendered text', () => {
  it('repeats get -1, -2 on the same id; a third link past them is broken', () => {
    assert.deepEqual(slugsOf('# A\n\n# A\n\n# A\n'), ['a', 'a-1', 'a-2']);
    assert.deepEqual(brokenLines('# A\n\n# A\n', ['a', 'a-1', 'a-2']), [6]);
  });

  it('entities are decoded before slugging: `# Q&amp;A` is #qa (the `&` is punctuation)', () => {
    assert.deepEqual(slugsOf('# Q&amp;A\n'), ['qa']);
  });

  it('letters beyond ASCII stay (lower-cased): `# Café Über` is #café-über', () => {
    assert.deepEqual(slugsOf('# Café Über\n'), ['café-über']);
  });

  it('a link in a heading is its text; inline code keeps its content', () => {
    assert.deepEqual(slugsOf('## See [the docs](docs.md) and `a.b`\n'), ['see-the-docs-and-ab']);
  });

  it('punctuation is dropped, `-` and `_` kept, spaces not collapsed: `# a  -  b_c!` is #a-----b_c', () => {
    assert.deepEqual(slugsOf('# a  -  b_c!\n'), ['a-----b_c']);
  });
});

// GitHub's page script accepts any casing of a heading's fragment (it looks the fragment up in lower
// case; contract v2); the browser's own lookup of the prefixed id `user-content-…` is exact
// (https://html.spec.whatwg.org/multipage/browsing-the-web.html#find-a-potential-indicated-element).
describe('fragments as GitHub looks them up', () => {
  it('a heading is reached in any case: #Setup and #SETUP reach `# Setup`; case-sensitive anchors (GitLab) do not', () => {
    assert.deepEqual(brokenLines('# Setup\n', ['Setup', 'SETUP', 'setup']), []);
    assert.deepEqual(brokenLines('# Setup\n', ['Setup', 'setup'], { caseSensitiveAnchors: true }), [4]);
  });

  it('#user-content-x reaches heading x and HTML id x (the prefix GitHub gives them)', () => {
    assert.deepEqual(brokenLines('# Setup\n\n<a id="notes"></a>\n', ['user-content-setup', 'user-content-notes', 'user-content-other']), [6]);
  });

  it('a lower-case HTML id is reached in any case (the script lower-cases the fragment)', () => {
    assert.deepEqual(brokenLines('<a name="notes"></a>\n', ['Notes', 'NOTES']), []);
  });

  // github/markup#1627: `<a name="S-introduction">` is served as name="user-content-S-introduction", and
  // links to #S-introduction do not reach it (CppCoreGuidelines). Our choice (docs/format.md): broken-anchor
  // in the default (GitHub) mode, reached only as #user-content-S-introduction; as written under
  // case-sensitive anchors.
  it('a capitalised HTML id cannot be reached on GitHub except as #user-content-…; under case-sensitive anchors as written', () => {
    const target = '# Guide\n\n<a name="S-introduction"></a>\n';
    assert.deepEqual(brokenLines(target, ['S-introduction', 's-introduction', 'user-content-S-introduction']), [4, 5]);
    assert.deepEqual(brokenLines(target, ['S-introduction', 's-introduction', 'user-content-S-introduction'], { caseSensitiveAnchors: true }), [5]);
  });

  it('a broken anchor to a capitalised id gets no suggestion of the same id (the link is not what is wrong)', () => {
    const ws = workspace({ 'log.md': logLinking(['S-introduction']), 'target.md': '<a name="S-introduction"></a>\n' });
    const d = ws.diagnostics('log.md').find((x) => x.code === 'broken-anchor');
    assert.ok(d);
    assert.equal((d.data as { suggestion?: string } | undefined)?.suggestion, undefined);
  });
});
