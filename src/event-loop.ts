/**
 * CPU-bound work on the main thread (the embedded database, the local embedder) must take turns with the
 * event loop, or a re-index stalls every webhook and /healthz until it ends. Awaiting this lets timers and
 * I/O run before the work goes on.
 *
 * @example
 *   for (const [i, text] of texts.entries()) { work(text); if (i % 500 === 499) await yieldToEventLoop(); }
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
