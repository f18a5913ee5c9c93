/**
 * Per-worker flood limit over a fixed one-minute window: up to `limitPerMinute` messages are handled;
 * the first one over the limit gets one friendly reply ('warn'), the rest are stored but not answered
 * ('drop') until the window passes. An update handled again (a retry after a database blip) keeps the
 * verdict it got the first time: retries are not the worker writing. In memory, per replica: a worker
 * hitting two replicas gets twice the allowance, which is fine for a courtesy limit. The clock is injected.
 */
export type FloodVerdict = 'ok' | 'warn' | 'drop';

export interface FloodLimit {
  /** `update` (e.g. the stored update's id) makes a repeated check of the same update count once. */
  check(key: string, update?: number): FloodVerdict;
}

export function createFloodLimit({
  limitPerMinute,
  clock = () => new Date(),
  windowMs = 60_000,
}: {
  limitPerMinute: number;
  clock?: () => Date;
  windowMs?: number;
}): FloodLimit {
  const windows = new Map<string, { start: number; count: number; verdicts: Map<number, FloodVerdict> }>();
  return {
    check(key, update) {
      const now = clock().getTime();
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0, verdicts: new Map() };
        windows.set(key, w);
        if (windows.size > 10_000) sweep(now);
      }
      const seen = update === undefined ? undefined : w.verdicts.get(update);
      if (seen) return seen;
      w.count += 1;
      const verdict = w.count <= limitPerMinute ? 'ok' : w.count === limitPerMinute + 1 ? 'warn' : 'drop';
      if (update !== undefined) w.verdicts.set(update, verdict);
      return verdict;
    },
  };

  function sweep(now: number) {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  }
}
