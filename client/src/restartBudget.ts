/**
 * How often the language server may be restarted after it crashed: a few times within a window, so that a
 * server that crashes at once on every start does not restart forever (the vscode-eslint client's policy).
 */
export class RestartBudget {
  private restarts: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash at `now` (milliseconds) and says whether the server may start again. */
  allowRestart(now: number): boolean {
    this.restarts = this.restarts.filter((at) => now - at < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }
}
