/**
 * Keeps a log line that a client can cause at will to one per window: the first occurrence of a
 * window is written in full, the rest are counted and written as one summary when the window
 * ends. A flood of failed logins once wrote thousands of lines a second, each costing the server
 * more than refusing the request did.
 */
export class ThrottledLog {
  private windowEndsAt = 0;
  private suppressed = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly windowMs: number,
    /** Writes the summary of the occurrences not written one by one. */
    private readonly summarize: (suppressed: number, windowSeconds: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `write` if it is the window's first occurrence; otherwise counts it. */
  write(write: () => void): void {
    const now = this.now();
    if (now >= this.windowEndsAt) {
      this.flush();
      this.windowEndsAt = now + this.windowMs;
      write();
      return;
    }
    this.suppressed++;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowEndsAt - now);
      this.timer.unref();
    }
  }

  /** Writes the summary of what was counted, if anything was. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed === 0) return;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.summarize(suppressed, this.windowMs / 1000);
  }
}
