/**
 * `fix --dry-run`'s output: a unified diff per file (the `diff` package), `--- a/PATH` and
 * `+++ b/PATH` with PATH relative to the current folder, so that `git apply` or `patch -p1` applies it
 * from there. Line endings are part of the lines (a CRLF file's lines end in `\r`), and a BOM is
 * part of the first line, so applying the diff gives the bytes `fix` writes.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export function unifiedDiff(shown: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}
