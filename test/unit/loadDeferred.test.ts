/**
 * The loading pipeline defers the files that the pre-scan finds no issue log in (node/loadWorkspace.ts,
 * core/loading.ts): on generated workspaces of logs and READMEs linking to each other (good and bad
 * anchors both ways, mentions in READMEs), the diagnostics of every file are those of an index in
 * which every file is parsed, and every file is in the index.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { loadWorkspace, loadWorkspaceParallel } from '../../server/src/node/loadWorkspace';
import { NodeWorkspaceHost } from '../../server/src/node/nodeHost';
import { diagnosticsOf } from './helpers';
import { Gen, prng } from './randomMarkdown';

const options = resolveOptions();

function writeWorkspace(root: string, seed: number): string[] {
  const g = new Gen(prng(seed));
  const readmes = Array.from({ length: 10 }, (_, i) => `docs/r${i}.md`);
  const logs = Array.from({ length: 3 }, (_, i) => `p${i}/issues.md`);
  const link = (from: string, to: string) => {
    const rel = path.posix.relative(path.posix.dirname(from), to);
    const fragments = logs.includes(to) ? ['crit-001-pool', 'statistics', 'phase-1', 'nope'] : ['setup', 'usage', 'no-such-heading'];
    return `[x](${rel}#${g.pick(fragments)})`;
  };
  for (const f of readmes) {
    // Half the READMEs link to no Markdown file (only within themselves): the pre-scan defers them; the others may be in a log's family.
    const prose = g.chance(0.5) ? `Prose [up](#setup) and ![logo](logo.png).` : `Prose ${link(f, g.pick(readmes))} and ${link(f, g.chance(0.2) ? g.pick(logs) : g.pick(readmes))}.`;
    const lines = ['# Readme', '', '## Setup', '', prose, '', '## Usage', ''];
    if (g.chance(0.2)) lines.push(`Mentions ${g.pick(['CRIT-001', 'HIGH-404'])}.`);
    fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), lines.join('\n') + '\n');
  }
  logs.forEach((f, i) => {
    const lines = [`# Phase ${i}`, '', '## Statistics', '- **Total Issues**: 2', '', `### ${i === 0 ? 'CRIT-001' : `HIGH-00${i}`}: Pool`, '- **Status**: Open', ''];
    lines.push(`See ${link(f, g.pick(readmes))}, ${link(f, g.pick(logs))} and ${link(f, g.pick(logs))}.`, '');
    fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), lines.join('\n'));
  });
  return [...readmes, ...logs];
}

/** Every file parsed: the reference. */
function fullIndex(root: string, files: string[]): WorkspaceIndex {
  const index = new WorkspaceIndex(options, [URI.file(root).toString()], new NodeWorkspaceHost());
  for (const f of files.sort()) index.set(readDocument(URI.file(path.join(root, f)).toString(), fs.readFileSync(path.join(root, f), 'utf8'), options));
  return index;
}

describe('loading with deferred files', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('gives every file the diagnostics of a full parse, the READMEs deferred unless linked to or mentioning an ID', async () => {
    let deferred = 0;
    let anchors = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-deferred-')));
      roots.push(root);
      const files = writeWorkspace(root, seed);
      const full = fullIndex(root, files);
      const seq = loadWorkspace([root], options);
      const par = await loadWorkspaceParallel([root], options, { pool: { size: 1 } });
      for (const loaded of [seq, par]) {
        assert.deepEqual([...loaded.index.documents].map((d) => d.uri).sort(), [...full.documents].map((d) => d.uri).sort());
        for (const doc of full.documents) {
          const want = diagnosticsOf(full, doc.uri, '2026-11-28');
          assert.deepEqual(diagnosticsOf(loaded.index, doc.uri, '2026-11-28'), want, `seed ${seed}: ${doc.uri}`);
          anchors += want.filter((d) => d.code === 'broken-anchor').length;
        }
        for (const uri of loaded.deferred.keys()) {
          assert.equal(full.get(uri)!.isLog, false);
          assert.equal(full.get(uri)!.mentions.length, 0);
        }
      }
      deferred += seq.deferred.size;
    }
    // The comparison covered deferred files and anchors checked in READMEs that were parsed for them.
    assert.ok(deferred > 8, `${deferred} deferred`);
    assert.ok(anchors > 8, `${anchors} broken anchors`);
  });
});
