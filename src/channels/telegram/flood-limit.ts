/**
 * Per-worker flood limit over a fixed one-minute window: up to `limitPerMinute` messages are handled;
 * the first one over the limit gets one friendly reply ('warn'), the rest are stored but not answered
 * ('drop') until the window passes. In memory, per replica: a worker hitting two replicas gets twice the
 * allowance, which is fine for a courtesy limit. The clock is injected.
 */
export type FloodVerdict = 'ok' | 'warn' | 'drop';

export interface FloodLimit {
  check(key: string): FloodVerdict;
}

export function createFloodLimit({ limitPerMinute, clock = () => new Date(), windowMs = 60_000 }: {
  limitPerMinute: number; clock?: () => Date; windowMs?: number;
}): FloodLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    check(key) {
      const now = clock().getTime();
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
        if (windows.size > 10_000) sweep(now);
      }
      w.count += 1;
      if (w.count <= limitPerMinute) return 'ok';
      return w.count === limitPerMinute + 1 ? 'warn' : 'drop';
    },
  };

  function sweep(now: number) {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  }
}
