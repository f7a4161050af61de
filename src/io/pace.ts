/** Long synchronous work on the main thread, cut into slices so the event loop keeps running between them. */

/**
 * Lets the event loop run (timers, I/O, an abort signal) whenever a stretch of work since the
 * last turn has taken `sliceMs`. Call `tick()` between units of work; it costs a clock read
 * when there is nothing to do.
 *
 * @example
 * const pace = new Pacer(5);
 * for (const part of parts) { merge(part); await pace.tick(); }
 */
export class Pacer {
  private since = performance.now();

  constructor(private readonly sliceMs: number) {}

  async tick(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
