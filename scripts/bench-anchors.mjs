// The anchors that scripts/bench.mjs compares against, each run in its own process:
//   node scripts/bench-anchors.mjs floor WS          read + unified().use(remarkParse).use(remarkGfm).parse()
//                                                    of every *.md file, one thread
//   node scripts/bench-anchors.mjs mdls WS MASTER    vscode-markdown-languageservice (markdown-it): full link
//                                                    validation of every file, then the master re-validated
//                                                    after a one-character edit
// Each prints one JSON line: {"ms": …} or {"fullMs": …, "revalidateMs": …, "diagnostics": …}.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';


const require = createRequire(import.meta.url);

function walk(root) {
  const out = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}

async function floor(ws) {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  const t0 = performance.now();
  const processor = unified().use(remarkParse).use(remarkGfm);
  let nodes = 0;
  for (const f of walk(ws)) {
    const tree = processor.parse(fs.readFileSync(f, 'utf8'));
    nodes += tree.children.length;
  }
  return { ms: performance.now() - t0, nodes };
}

async function mdls(ws, master) {
  const ls = require('vscode-markdown-languageservice');
  const MarkdownIt = require('markdown-it');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const { URI } = require('vscode-uri');
  const t0 = performance.now();
  const md = MarkdownIt({ html: true });
  const parser = { slugifier: ls.githubSlugifier, tokenize: async (doc) => md.parse(doc.getText(), {}) };
  const docs = new Map();
  for (const f of walk(ws)) {
    const uri = URI.file(f).toString();
    docs.set(uri, TextDocument.create(uri, 'markdown', 1, fs.readFileSync(f, 'utf8')));
  }
  const listeners = { change: [], create: [], delete: [] };
  const event = (list) => (listener, thisArgs) => {
    const entry = (e) => listener.call(thisArgs, e);
    list.push(entry);
    return { dispose: () => list.splice(list.indexOf(entry), 1) };
  };
  const workspace = {
    workspaceFolders: [URI.file(ws)],
    onDidChangeMarkdownDocument: event(listeners.change),
    onDidCreateMarkdownDocument: event(listeners.create),
    onDidDeleteMarkdownDocument: event(listeners.delete),
    getAllMarkdownDocuments: async () => docs.values(),
    hasMarkdownDocument: (u) => docs.has(u.toString()),
    openMarkdownDocument: async (u) => docs.get(u.toString()),
    stat: async (u) => {
      try {
        return { isDirectory: fs.statSync(u.fsPath).isDirectory() };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (u) => fs.readdirSync(u.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
  };
  const service = ls.createLanguageService({ workspace, parser, logger: { level: ls.LogLevel.Off, log() {} } });
  const options = {
    validateReferences: ls.DiagnosticLevel.error,
    validateFragmentLinks: ls.DiagnosticLevel.error,
    validateFileLinks: ls.DiagnosticLevel.error,
    validateMarkdownFileLinkFragments: ls.DiagnosticLevel.error,
    validateUnusedLinkDefinitions: ls.DiagnosticLevel.ignore,
    validateDuplicateLinkDefinitions: ls.DiagnosticLevel.ignore,
    ignoreLinks: [],
  };
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  let diagnostics = 0;
  for (const doc of docs.values()) diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
  const fullMs = performance.now() - t0;

  // A one-character edit of the master, then its diagnostics again.
  const masterUri = URI.file(master).toString();
  const old = docs.get(masterUri);
  const text = old.getText();
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const t1 = performance.now();
  const edited = TextDocument.create(masterUri, 'markdown', 2, text.slice(0, at) + ' ' + text.slice(at));
  docs.set(masterUri, edited);
  for (const l of listeners.change) l(edited);
  const again = await service.computeDiagnostics(edited, options, token);
  const revalidateMs = performance.now() - t1;
  service.dispose?.();
  return { fullMs, revalidateMs, diagnostics, masterDiagnostics: again.length };
}

const [mode, ws, master] = process.argv.slice(2);
const result = mode === 'floor' ? await floor(path.resolve(ws)) : mode === 'mdls' ? await mdls(path.resolve(ws), path.resolve(master)) : undefined;
if (!result) {
  process.stderr.write('usage: bench-anchors.mjs floor WS | mdls WS MASTER\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
