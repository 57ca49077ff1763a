/**
 * The .vsix as users install it: `npm run package` in a copy of the sources, then its file list, its size,
 * its manifest and the README it ships. VS Code's details page of an installed extension shows only
 * https images and http(s) links (it drops relative ones), so every link and image of the shipped README
 * must be absolute, and those into this repository must name a file that exists here. Slow (a production
 * build and vsce: about 15-40 s).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copySources, REPO, runOk } from './sourceCopy';
import { zipEntries, zipRead } from './zip';

const HOME = 'https://github.com/issue-log/issue-log';
/** A bound, not a target: the .vsix is about 370 KB. */
const MAX_VSIX_BYTES = 800_000;
/** What may ship, by prefix; the files named in full must be there. */
const REQUIRED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/parseWorker.js',
  // The CLI, for the "Issue Log: check" task (client/src/checkTask.ts).
  'extension/dist/cli.js',
  'extension/media/icon.png',
  'extension/schemas/issue-log.schema.json',
];
const ALLOWED_FOLDERS = ['extension/media/', 'extension/syntaxes/', 'extension/schemas/'];

/** Markdown links and images, `[text](url)` / `![alt](url)`, and HTML `src`/`href` attributes. */
function targets(markdown: string): { image: boolean; url: string }[] {
  const found: { image: boolean; url: string }[] = [];
  for (const m of markdown.matchAll(/(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ image: m[1] === '!', url: m[2] });
  for (const m of markdown.matchAll(/<(img|a)\b[^>]*\b(?:src|href)=["']([^"']+)["']/gi)) found.push({ image: m[1].toLowerCase() === 'img', url: m[2] });
  return found;
}

describe('the .vsix (npm run package)', function () {
  this.timeout(600_000);
  let tmp: string;
  let zip: Buffer;
  let names: string[];
  const text = (name: string) => {
    const entry = zipEntries(zip).find((e) => e.name === name);
    assert.ok(entry, `${name} is in the .vsix`);
    return zipRead(zip, entry).toString('utf8');
  };

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-vsix-test-'));
    const src = copySources(path.join(tmp, 'src'));
    const vsix = path.join(tmp, 'issue-log.vsix');
    runOk('npm', ['run', 'package', '--silent', '--', '-o', vsix], src);
    zip = fs.readFileSync(vsix);
    names = zipEntries(zip).map((e) => e.name);
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('ships the bundles, the manifest, README, CHANGELOG, LICENSE and the contributed assets only', function () {
    for (const name of REQUIRED) assert.ok(names.includes(name), `${name} is missing`);
    const unexpected = names.filter((n) => !REQUIRED.includes(n) && !ALLOWED_FOLDERS.some((f) => n.startsWith(f)));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(
      names.filter((n) => /node_modules|(^|\/)test|\.map$|\.ts$/.test(n)),
      [],
      'no dependencies, tests, source maps or sources',
    );
    assert.ok(zip.length < MAX_VSIX_BYTES, `the .vsix is ${zip.length} bytes`);
  });

  it('has the manifest of an extension that runs in Restricted Mode, not in virtual workspaces, from VS Code 1.91', function () {
    const manifest = JSON.parse(text('extension/package.json')) as {
      capabilities: unknown;
      files?: unknown;
      dependencies?: unknown;
      repository: { url: string };
      engines: { vscode: string };
      devDependencies: Record<string, string>;
      contributes: { configuration: { properties: Record<string, { type: string; default: unknown }> } };
    };
    assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
    assert.equal(manifest.files, undefined, 'the npm package\'s file list is not the extension\'s');
    assert.equal(manifest.repository.url, `${HOME}.git`);
    assert.equal(manifest.dependencies, undefined);
    // The API the client compiles against is that of the lowest VS Code it claims.
    const engine = /^\^(\d+)\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(engine, manifest.engines.vscode);
    const types = /^(\d+)\.(\d+)\.\d+$/.exec(manifest.devDependencies['@types/vscode']);
    assert.deepEqual(types?.slice(1, 3), engine.slice(1, 3), '@types/vscode is on the minor of engines.vscode');
    const enable = manifest.contributes.configuration.properties['issueLog.enable'];
    assert.equal(enable.type, 'boolean');
    assert.equal(enable.default, true);
  });

  it('ships the extension README, whose links and images are absolute and point at files of this repository', function () {
    const readme = text('extension/readme.md');
    assert.ok(readme.includes('`issueLog.enable`'), 'the extension README (docs/extension-README.md), not the developer one');
    for (const name of names.filter((n) => /\.(md|json|vsixmanifest|xml)$/.test(n))) {
      assert.ok(!text(name).includes('example.invalid'), `${name} names the placeholder host`);
    }
    const all = [...targets(readme), ...targets(text('extension/changelog.md'))];
    const images = all.filter((t) => t.image);
    assert.ok(images.length >= 1, 'one screenshot at least');
    for (const { image, url } of all) {
      if (url.startsWith('#') || url.startsWith('mailto:')) continue;
      assert.match(url, image ? /^https:\/\// : /^https?:\/\//, `${url}: VS Code shows no relative ${image ? 'image' : 'link'} of an installed extension`);
      const inRepo = new RegExp(`^${HOME.replace(/[.]/g, '\\.')}/(?:blob|raw)/main/([^#?]+)`).exec(url);
      if (image) assert.ok(inRepo, `${url}: images come from this repository`);
      if (inRepo) assert.ok(fs.statSync(path.join(REPO, decodeURIComponent(inRepo[1]))).isFile(), `${url}: ${inRepo[1]} is not a file of this repository`);
      if (image) assert.doesNotMatch(url, /\.svg$/i, 'VS Code and the Marketplace refuse SVG images');
    }
  });
});
