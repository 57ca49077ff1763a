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
import { resolveOptions } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

/** A log that links to `target.md#fragment` for each fragment, one per line (line 4 onwards). */
function logLinking(fragments: string[]): string {
  return joinLines('# Log', '### CRIT-001: Pool', '- **Status**: Open', ...fragments.map((f) => `See [it](target.md#${f}).`));
}

/** The 1-based lines of the log's broken anchors. */
function brokenLines(target: string, fragments: string[]): number[] {
  const ws = workspace({ 'log.md': logLinking(fragments), 'target.md': target });
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

  it('file.md?plain=1#L3 and #L2-L3 are lines of the source view (GitHub numbers lines from 1; a final line ending starts none)', () => {
    const ws = workspace({
      'log.md': joinLines('# Log', '### CRIT-001: Pool', '- **Status**: Open', 'See [a](target.md?plain=1#L3), [b](target.md?plain=1#L2-L3), [c](target.md?plain=1#L4), [d](target.md#L3), [e](target.md?plain=1#L3-L2).'),
      'target.md': 'one\ntwo\nthree\n',
    });
    const broken = ws.diagnostics('log.md').filter((d) => d.code === 'broken-anchor').map((d) => ws.textAt('log.md', d.range));
    assert.deepEqual(broken, ['[c](target.md?plain=1#L4)', '[d](target.md#L3)', '[e](target.md?plain=1#L3-L2)']);
  });
});
