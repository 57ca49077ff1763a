/**
 * The settings: pulled from the client (workspace/configuration, section `issueLog`), or taken from
 * initializationOptions when the client cannot answer; merged under what `.issue-log.json` says
 * (the file wins where both say: configFiles.ts reads it); resolved to the core's options; and
 * whether new options need the workspace indexed anew (core/config.ts REINDEX_SETTINGS).
 */
import type { Connection } from 'vscode-languageserver';
import { mergeSettings, reindexSettingsChanged, resolveOptions, type IssueLogOptions, type IssueLogSettings, type SettingsProblem } from '../core/config';
import type { ConfigFileSettings } from '../core/configFile';

export interface ResolvedSettings {
  options: IssueLogOptions;
  problems: SettingsProblem[];
}

export class Settings {
  /** The client answers workspace/configuration. */
  supportsConfiguration = false;
  /** What initializationOptions carried (for clients without workspace/configuration). */
  initializationSettings: IssueLogSettings = {};

  constructor(private readonly connection: Connection) {}

  /** The settings now, for the first workspace folder (the defaults when they cannot be read). */
  async pull(scopeUri: string | undefined): Promise<IssueLogSettings> {
    if (!this.supportsConfiguration) return this.initializationSettings;
    try {
      const [settings] = await this.connection.workspace.getConfiguration([{ section: 'issueLog', scopeUri }]);
      return settings && typeof settings === 'object' ? (settings as IssueLogSettings) : {};
    } catch (err) {
      this.connection.console.warn(`Could not read the issueLog settings (${(err as Error).message}); using the defaults.`);
      return {};
    }
  }

  /** The options from the client's settings with `.issue-log.json` over them. */
  resolve(settings: IssueLogSettings, file: ConfigFileSettings = {}): ResolvedSettings {
    const problems: SettingsProblem[] = [];
    return { options: resolveOptions(mergeSettings(settings, file), problems), problems };
  }

  /** Tells the user what was wrong in the settings. */
  report(problems: readonly SettingsProblem[]): void {
    for (const p of problems) this.connection.console.warn(`${p.setting}: ${p.message}`);
  }

  /** Do the new options change what is indexed or how files are parsed? */
  needsReindex(now: IssueLogOptions, next: IssueLogOptions): boolean {
    return reindexSettingsChanged(now, next).length > 0;
  }
}
