/**
 * `--format sarif`: one SARIF 2.1.0 log (OASIS), as GitHub code scanning (upload-sarif) and other
 * viewers read it: the tool with every rule (default level, one-line description, help page), and one
 * result per diagnostic in the order printed, located relative to `SRCROOT`, the workspace root.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { RULE_DOCS_BASE } from '../../core/ruleDocs';
import type { CheckResult, Printed } from '../output';
import { VERSION } from '../version';
import { ruleMetadata } from './ruleMeta';

const LEVEL: Record<Printed['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The project's home: the repository the rule pages live in. */
const INFORMATION_URI = RULE_DOCS_BASE.replace(/\/blob\/.*$/, '');

/** A file as an artifact location: relative to SRCROOT when inside it (each segment percent-encoded), else its file URI. */
function artifactLocation(abs: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: URI.file(abs).toString() };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

export function sarifLog(r: CheckResult): object {
  const rules = ruleMetadata(r.diagnostics);
  const index = new Map(rules.map((m, i) => [m.code, i]));
  const results = r.diagnostics.map((p) => ({
    ruleId: p.code,
    ruleIndex: index.get(p.code),
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(path.resolve(r.cwd, p.file), r.root),
          // SARIF's lines and columns are 1-based; columns count UTF-16 code units (columnKind), as LSP's do.
          region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
        },
      },
    ],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'issue-log',
            version: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map((m) => ({
              id: m.code,
              shortDescription: { text: m.summary },
              helpUri: m.helpUri,
              defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: URI.file(r.root).toString().replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(r: CheckResult): string {
  return JSON.stringify(sarifLog(r), null, 2) + '\n';
}
