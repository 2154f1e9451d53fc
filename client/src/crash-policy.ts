/**
 * When the language server process dies, restart it — unless it keeps dying: after `maxRestarts` restarts
 * within `windowMs`, give up and tell the user (a server that crashes on every start would otherwise spin
 * a CPU and flood the output). Pure logic, no vscode import, so it is unit-tested directly.
 */
export interface CrashDecision {
  restart: boolean;
  /** Crashes counted inside the window, this one included. */
  crashes: number;
}

export class CrashPolicy {
  private crashTimes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and decides whether to restart. */
  crashed(): CrashDecision {
    const now = this.now();
    this.crashTimes = this.crashTimes.filter((time) => now - time < this.windowMs);
    this.crashTimes.push(now);
    return { restart: this.crashTimes.length <= this.maxRestarts, crashes: this.crashTimes.length };
  }

  /** A restart the user asked for starts a fresh count. */
  reset(): void {
    this.crashTimes = [];
  }
}
