/** The seed log as `06-Master/MASTER-ISSUE-LOG.md`, plus small phase files for some of its references. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { joinLines } from '../unit/helpers';

export const REPO = path.resolve(__dirname, '..', '..');

export const MASTER = '06-Master/MASTER-ISSUE-LOG.md';
export const BACKEND = '04-Backend-Optimization/issues-and-solutions.md';
export const INFRA = '05-Infrastructure-Scaling/issues-and-solutions.md';

/** Relative path → text: the seed workspace of the LSP tests, for either kind of workspace. */
export function seedFiles(): Record<string, string> {
  return {
    [MASTER]: fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8'),
    [BACKEND]: joinLines(
      '# Backend Optimization: Issues and Solutions',
      '',
      '## Issue 1',
      '- **Title**: Connection Pool Exhaustion',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 4 hours',
      '',
      'PgBouncer in transaction mode fixed it.',
      '',
      '## Issue 2',
      '- **Title**: Memory Leak in Production',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 8 hours',
    ),
    [INFRA]: joinLines(
      '# Infrastructure Scaling: Issues and Solutions',
      '',
      '## Issue 1',
      '- **Title**: Session Persistence Breaking',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 2 hours',
    ),
  };
}

/** Every file under `dir` (relative path → text), to load a folder of the repository into memory. */
export function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}
