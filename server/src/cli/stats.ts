/** `issue-log stats LOG`: the statistics block and resolution table of LOG, computed (Markdown to paste; text only). */
import { URI } from 'vscode-uri';
import { renderStatistics } from '../core/statsReport';
import { UsageError, type Args } from './args';
import { noEntries } from './list';
import { loadIndex, optionsOf, resolveTargets } from './workspace';

export async function stats(args: Args): Promise<number> {
  if (args.paths.length !== 1) throw new UsageError('stats takes one LOG file');
  const target = resolveTargets(args.paths, args.stdinFilename);
  if (!target.only || target.foldersNamed) throw new UsageError(`${args.paths[0]}: stats takes a log file, not a folder`);
  const index = await loadIndex(args, target, optionsOf(args.settings, target));
  const uri = URI.file([...target.only][0]).toString();
  if (!index.has(uri)) throw new UsageError(`${args.paths[0]}: could not be read (see above)`);
  if (!index.allIssues().some((i) => i.entries.some((e) => e.uri === uri))) return noEntries(args.paths[0]);
  process.stdout.write(renderStatistics(index, uri));
  return 0;
}
