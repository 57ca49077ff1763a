import * as fs from 'node:fs';
import { randomDocument } from './randomMarkdown';
import { replay, SNIPPETS, V2_SNIPPETS } from './replay';
const seedText = fs.readFileSync('test/fixtures/seed/MASTER-ISSUE-LOG.md', 'utf8');
const tries: [string, () => unknown][] = [
  ['rd1016 v2', () => replay(randomDocument(1016), 5016, 12, V2_SNIPPETS)],
  ['rd16', () => replay(randomDocument(16), 5016, 12, SNIPPETS)],
  ['rd5016', () => replay(randomDocument(5016), 5016, 12, SNIPPETS)],
  ['seed5016', () => replay(seedText, 5016, 12, SNIPPETS)],
  ['rd1016 20', () => replay(randomDocument(1016), 5016, 20, SNIPPETS)],
];
for (const [n, f] of tries) { try { f(); console.log(n, 'ok'); } catch (e) { console.log(n, (e as Error).message.split('\n')[0]); } }
