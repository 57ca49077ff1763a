/**
 * One root change of a tree view at a time. On a root change VS Code drops every handle of the old tree
 * at once, and a second change while the view still reads the first tree (its groups' children) makes it
 * ask for handles already dropped: "No tree item with id '1/group/severity/High' found". So a change that
 * comes while the view reads waits until it has read (no read for `settleMs`); the view then reads the
 * roots as they are by then. A hidden view reads when shown. No `vscode` here: unit tested in plain Node.
 */
export class TreeReadGate {
  /** A root change the view has not finished reading, and whether another came meanwhile. */
  private unread = false;
  private changedAgain = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private waiters: (() => void)[] = [];

  /** `fire`: tells the view that the roots changed (the tree's `onDidChangeTreeData` with no element). */
  constructor(
    private readonly fire: () => void,
    private readonly settleMs = 300,
  ) {}

  /** The roots changed: fired now, or once the view has read the last change. */
  changed(): void {
    if (this.unread) {
      this.changedAgain = true;
      return;
    }
    this.unread = true;
    this.fire();
  }

  /** The view read part of the tree (call from `getChildren`): it is done when it asks nothing more for a while. */
  read(): void {
    if (!this.unread) return;
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.unread = false;
      if (this.changedAgain) {
        this.changedAgain = false;
        this.changed();
      } else {
        for (const resolve of this.waiters.splice(0)) resolve();
      }
    }, this.settleMs);
  }

  /** The view has read the tree since its last root change. */
  get settled(): boolean {
    return !this.unread && !this.changedAgain;
  }

  /** True once the view has read the tree; false when it has not within `timeoutMs` (a hidden view, say). */
  whenSettled(timeoutMs = 5_000): Promise<boolean> {
    if (this.settled) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  dispose(): void {
    if (this.settle) clearTimeout(this.settle);
  }
}
