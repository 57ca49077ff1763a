/**
 * `issueLog.updateLinksOnMove`, the decisions without the editor: the mode a setting value means, the
 * question asked in `prompt` mode, and what each answer does (linkMoves.ts asks it in VS Code).
 */

export type LinkMoveMode = 'prompt' | 'always' | 'never';

/** The setting's key under `issueLog`. */
export const UPDATE_LINKS_ON_MOVE = 'updateLinksOnMove';

/** A setting value as a mode: anything else than `always` or `never` asks. */
export function readMode(value: unknown): LinkMoveMode {
  return value === 'always' || value === 'never' ? value : 'prompt';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The question before the edit goes in: "Update 3 links in 2 files?" */
export function question(links: number, files: number): string {
  return `Update ${plural(links, 'link')} in ${plural(files, 'file')}?`;
}

export const ANSWERS = ['Yes', 'No', 'Always', 'Never'] as const;

/** What an answer does: apply the edit or not, and the mode the user chose for next time (Always, Never). */
export function onAnswer(answer: string | undefined): { apply: boolean; remember?: LinkMoveMode } {
  if (answer === 'Always') return { apply: true, remember: 'always' };
  if (answer === 'Never') return { apply: false, remember: 'never' };
  // Dismissed (Escape, Cancel): the move goes ahead without the edit, as with No.
  return { apply: answer === 'Yes' };
}
