/**
 * The `.issue-log.json` of each workspace folder, for the server: read (through the session's
 * LoadSource, so in memory in tests), validated by the core (core/configFile.ts), and its problems
 * published as diagnostics in that file (code `config`). They go out on their own, not through the
 * Markdown publisher, whose runs clear every published document that the index does not hold.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import type { ConfigFileSettings } from '../core/configFile';
import { ruleDocUrl } from '../core/ruleDocs';
import { CONFIG_FILE_NAME, CONFIG_PROBLEM_CODE, lineStartsOf, readConfigFile } from '../core/configFile';
import type { ReadResult } from '../core/loading';
import { positionAt } from '../core/positions';
import { DIAGNOSTIC_SOURCE } from '../core/rules';

/** A configuration file is small; a larger one is refused rather than read. */
const MAX_CONFIG_SIZE = 1024 * 1024;

export interface ConfigFileSource {
  read(path: string, maxSize: number): ReadResult;
  /** Is there a file at `uri` now? */
  isFile(uri: string): boolean;
}

export const isConfigFileUri = (uri: string): boolean => URI.parse(uri).path.endsWith('/' + CONFIG_FILE_NAME);

export class ConfigFiles {
  /** Folder URI → what its file says (folders without one are absent). */
  private settingsOf = new Map<string, ConfigFileSettings>();
  /** The URIs with problems published (to clear them when they are gone). */
  private readonly published = new Set<string>();

  constructor(
    private readonly source: ConfigFileSource,
    private readonly send: (params: { uri: string; diagnostics: Diagnostic[] }) => void,
  ) {}

  /** The configuration file of `folder` (a URI). */
  static uriOf(folder: string): string {
    return Utils.joinPath(URI.parse(folder), CONFIG_FILE_NAME).toString();
  }

  /** Reads every folder's file again and publishes what changed in their problems. */
  reload(folders: readonly string[]): void {
    const settings = new Map<string, ConfigFileSettings>();
    const now = new Map<string, Diagnostic[]>();
    for (const folder of folders) {
      const uri = ConfigFiles.uriOf(folder);
      const parsed = URI.parse(uri);
      if (parsed.scheme !== 'file' || !this.source.isFile(uri)) continue;
      const read = this.source.read(parsed.fsPath, MAX_CONFIG_SIZE);
      if (!read.ok) {
        now.set(uri, [diagnostic({ line: 0, character: 0 }, { line: 0, character: 0 }, `${CONFIG_FILE_NAME} ${read.reason}; its settings are not used.`, 1)]);
        continue;
      }
      const file = readConfigFile(read.text);
      settings.set(folder, file.settings);
      const starts = lineStartsOf(read.text);
      now.set(
        uri,
        file.problems.map((p) => diagnostic(positionAt(starts, p.offset), positionAt(starts, p.offset + p.length), p.message, p.severity === 'error' ? 1 : 2)),
      );
    }
    this.settingsOf = settings;
    for (const uri of this.published) if (!now.has(uri)) this.send({ uri, diagnostics: [] });
    this.published.clear();
    for (const [uri, diagnostics] of now) {
      this.send({ uri, diagnostics });
      if (diagnostics.length > 0) this.published.add(uri);
    }
  }

  /**
   * What the file of the first folder says: the session has one set of options for every folder
   * (as it pulls the VS Code settings of the first folder).
   */
  settings(folders: readonly string[]): ConfigFileSettings {
    return (folders.length > 0 ? this.settingsOf.get(folders[0]) : undefined) ?? {};
  }
}

function diagnostic(start: Diagnostic['range']['start'], end: Diagnostic['range']['end'], message: string, severity: 1 | 2): Diagnostic {
  return { range: { start, end }, severity, code: CONFIG_PROBLEM_CODE, codeDescription: { href: ruleDocUrl(CONFIG_PROBLEM_CODE) }, source: DIAGNOSTIC_SOURCE, message };
}
