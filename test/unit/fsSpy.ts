/**
 * A spy on Node's file reads for the boundary tests: while installed, every call that reads a file's
 * content (readFileSync, openSync) or lists a folder (readdirSync, opendirSync) has its path checked;
 * a path the predicates forbid is recorded and the call fails (so that a walk which would go on
 * through the whole file system stops at once and the test fails instead of hanging). Listings are
 * judged apart: an existence check with exact case lists the folder of an outside target (names
 * only), which the contract allows; the walk must not list what is under a link out.
 */
import fs from 'node:fs';

const READS = ['readFileSync', 'openSync'] as const;
const LISTS = ['readdirSync', 'opendirSync'] as const;

export interface FsSpy {
  /** The forbidden paths that were asked for, with the call. */
  readonly refused: string[];
  /** Every path read or listed (allowed or not). */
  readonly seen: string[];
  restore(): void;
}

export function spyOnReads(forbidden: { read: (p: string) => boolean; list: (p: string) => boolean }): FsSpy {
  const refused: string[] = [];
  const seen: string[] = [];
  const originals = [...READS, ...LISTS].map((name) => [name, fs[name]] as const);
  for (const [name, original] of originals) {
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const p = args[0];
      if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) {
        const text = p instanceof URL ? p.pathname : p.toString();
        seen.push(text);
        if ((READS as readonly string[]).includes(name) ? forbidden.read(text) : forbidden.list(text)) {
          refused.push(`${name} ${text}`);
          const err = new Error(`fsSpy: ${name} ${text} is outside the workspace`) as NodeJS.ErrnoException;
          err.code = 'EACCES';
          throw err;
        }
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    (fs as unknown as Record<string, unknown>)[name] = wrapped;
  }
  return {
    refused,
    seen,
    restore: () => {
      for (const [name, original] of originals) (fs as unknown as Record<string, unknown>)[name] = original;
    },
  };
}
