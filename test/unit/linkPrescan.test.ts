/**
 * The pre-scan for link checking (core/linkPrescan.ts): a file that may link to a Markdown file is
 * parsed (it may be in a log's family); one that cannot is deferred. A strict superset: every link
 * the parse reads whose path, percent-decoded, holds `.md` (any case) passes.
 */
import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { mayLinkToMarkdown, mustParse } from '../../server/src/core/linkPrescan';
import { Gen, prng } from './randomMarkdown';

/** Does the parse read a link whose path, decoded as link resolution decodes it, names a `.md` file? */
function linksToMarkdown(text: string): boolean {
  const doc = readDocument('file:///ws/a/doc.md', text, resolveOptions());
  return doc.links.some((l) => {
    let path = l.url.split('#')[0].split('?')[0];
    try {
      path = decodeURIComponent(path);
    } catch {
      // resolution reads it as written
    }
    return /\.md/i.test(path);
  });
}

/** `.md` spelt as a link destination can spell it. */
function spelt(g: Gen): string {
  const dot = g.pick(['.', '&#46;', '&#x2e;', '&period;', '%2E', '%2e', '\\.', '&#37;2E']);
  const m = g.pick(['m', 'M', '&#109;', '%6D', '&#x6D;']);
  const d = g.pick(['d', 'D', '&#100;', '%64', '%44']);
  return `${g.pick(['notes', '../x/phase', '/docs/a b', 'p%20q'])}${dot}${m}${d}${g.pick(['', '#top', '?plain=1#L3', '/'])}`;
}

describe('pre-scan: which files may link to a Markdown file', () => {
  it('passes every generated link to a .md file that the parse reads, however it is spelt', () => {
    const g = new Gen(prng(12));
    let links = 0;
    for (let i = 0; i < 1000; i++) {
      const dest = spelt(g);
      const form = g.pick([`[x](${dest})`, `[x](<${dest}>)`, `[x]: ${dest}\n\n[x]`, `<a href="${dest}">x</a>`, `![i](${dest} "t")`]);
      const text = `# Readme\n\nProse ${form} more.\n`;
      if (!linksToMarkdown(text)) continue;
      links++;
      assert.ok(mayLinkToMarkdown(text), text);
    }
    assert.ok(links > 500, `${links} of 1000 link to .md`);
  });

  it('turns away a document whose links name no Markdown file', () => {
    assert.equal(mayLinkToMarkdown('# Build\n\nSee [the site](https://example.com), ![logo](logo.png) and [setup](#setup).\n'), false);
    assert.equal(mayLinkToMarkdown('# Notes\n\n50% done &amp; more; C:\\path\n'), false);
  });

  it('parses every file with checkLinks all; else what may be a log or link to a .md file', () => {
    const readme = '# Readme\n\n![logo](logo.png)\n';
    assert.equal(mustParse(readme, resolveOptions()), false);
    assert.equal(mustParse(readme, resolveOptions({ checkLinks: 'all' })), true);
    assert.equal(mustParse('# Readme\n\n[log](log.md)\n', resolveOptions()), true);
    assert.equal(mustParse('# Readme\n\nSee CRIT-001.\n', resolveOptions()), true);
  });
});
