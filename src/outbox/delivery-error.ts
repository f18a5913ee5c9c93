/**
 * How a deliverer tells the outbox what went wrong. Channel adapters translate their SDK's errors into
 * these (a Telegram 429 → retryable with `retryAfterMs`; "chat not found" → permanent). Anything else a
 * deliverer throws counts as retryable: a network failure must never lose a message.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  constructor(message: string, { retryable, retryAfterMs, cause }: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause });
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Retries every ≤ 30 s once backed off, for about four hours, before an item is dead-lettered. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 500, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * The one place retry is decided: undefined = give up (dead letter), else the delay before the next try.
 * Exponential backoff with ±20% jitter, capped; a server's retry-after wins when it asks for longer.
 */
export function retryDelay(error: unknown, attempts: number, policy: RetryPolicy, random = Math.random): number | undefined {
  const retryable = error instanceof DeliveryError ? error.retryable : true;
  if (!retryable || attempts >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs) * (0.8 + 0.4 * random());
  const asked = error instanceof DeliveryError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(Math.round(backoff), asked);
}
