/**
 * The workspace index and what it hands out (the old module path, kept so that the server, the CLI
 * and the Node side need no new imports): workspaceIndex.ts is the index, scopes.ts a log's scope,
 * issues.ts what an issue is, links.ts where a link points.
 */
export { WorkspaceIndex } from './workspaceIndex';
export { averageOf, fieldNamed, referenceLink, statusLabel, type Issue, type LocatedEntry, type ScopeStats, type StatKey } from './issues';
export type { PathKind, ResolvedLink, WorkspaceHost } from './links';
