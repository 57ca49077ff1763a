/**
 * The watch on the client's process (`initialize.processId`, or `--clientProcessId` on the command
 * line): LSP says a server whose client died exits. vscode-languageserver's own watch
 * (lib/node/main.js, `watchDog` and `setupExitTimer`) takes any error of `process.kill(pid, 0)` for a
 * dead client, so a client of another user (EPERM: alive, but not ours to signal) made the server exit
 * after 3 s without a word. Here only ESRCH (no such process) is death, and the exit says why.
 * This object is the library's `WatchDog` (given to `createConnection` in serverConnection.ts).
 */
import type { InitializeParams, WatchDog } from 'vscode-languageserver';

/** How often the client's process is looked at (as the library does). */
export const PARENT_CHECK_INTERVAL_MS = 3000;

export interface ParentWatchDeps {
  /** `process.kill` (a stub in tests). */
  kill?: (pid: number, signal: 0) => unknown;
  /** Ends the process (`process.exit`). */
  exit: (code: number) => void;
  /** Where the reason for exiting goes. */
  log: (line: string) => void;
  /** The command line, for `--clientProcessId N` / `--clientProcessId=N`. */
  argv?: readonly string[];
  /** Starts the periodic check (tests call `check` themselves). */
  every?: (ms: number, run: () => void) => void;
}

/** What `kill(pid, 0)` says about the process: alive (also when it is not ours: EPERM), or gone. */
export function probe(pid: number, kill: (pid: number, signal: 0) => unknown = process.kill.bind(process)): { alive: boolean; code?: string } {
  try {
    kill(pid, 0);
    return { alive: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    // ESRCH: no such process. EPERM: it exists and belongs to another user. Anything else: unknown,
    // and a server must not leave a live client on a guess.
    return { alive: code !== 'ESRCH', code };
  }
}

/** The `--clientProcessId` value on a command line, if it is a process id. */
export function clientProcessIdArgument(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === '--clientProcessId' ? argv[i + 1] : argv[i].startsWith('--clientProcessId=') ? argv[i].slice('--clientProcessId='.length) : undefined;
    if (value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

export class ParentWatch implements WatchDog {
  shutdownReceived = false;
  /** The processes watched (the command line's and initialize's, when given). */
  readonly pids: number[] = [];
  private started = false;
  private ended = false;
  /** Processes already said to be alive without a clean answer (EPERM). */
  private readonly noted = new Set<number>();

  constructor(private readonly deps: ParentWatchDeps) {
    const fromArgv = clientProcessIdArgument(deps.argv ?? []);
    if (fromArgv !== undefined) this.watch(fromArgv);
  }

  initialize(params: InitializeParams): void {
    const pid = params.processId;
    if (typeof pid === 'number') this.watch(pid);
  }

  exit(code: number): void {
    this.ended = true;
    this.deps.exit(code);
  }

  /** Looks at each watched process once; exits (with the reason logged) when one is gone. */
  check(): void {
    if (this.ended) return;
    for (const pid of this.pids) {
      const { alive, code } = probe(pid, this.deps.kill);
      if (alive) {
        // Said once: a client of another user (EPERM) is watched but cannot be signalled.
        if (code && !this.noted.has(pid)) {
          this.noted.add(pid);
          this.deps.log(`The client's process ${pid} cannot be signalled (${code}${code === 'EPERM' ? ': another user' : ''}); it is taken as alive.`);
        }
        continue;
      }
      this.deps.log(`The client's process ${pid} is gone (${code}); the language server exits.`);
      this.exit(this.shutdownReceived ? 0 : 1);
      return;
    }
  }

  private watch(pid: number): void {
    // 0 and negative ids name process groups, not a client; a process does not watch itself.
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || this.pids.includes(pid)) return;
    this.pids.push(pid);
    if (this.started) return;
    this.started = true;
    const every = this.deps.every ?? ((ms, run) => setInterval(run, ms));
    every(PARENT_CHECK_INTERVAL_MS, () => this.check());
  }
}
