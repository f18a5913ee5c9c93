/**
 * Connecting the bot at start, step by step (who am I: getMe; then where updates go: setWebhook, or
 * deleteWebhook to poll). Telegram being unreachable must not hang the service in silence: each attempt is
 * bounded, the log says what the channel waits for and where, `firstAttempt` settles after the first try
 * either way so the rest of the service runs, and the steps not done yet are tried again with backoff until
 * they succeed or `stop()`. Only a token Telegram refuses ends it: no retry can fix that.
 *
 * @example
 *   const connection = connectBot({ steps: [{ name: 'getMe', run: (signal) => … }], apiRoot, log });
 *   await connection.firstAttempt;   // rejects only with TelegramSetupError
 *   connection.waitingFor            // 'getMe' while Telegram does not answer, undefined once connected
 */
import { GrammyError } from 'grammy';
import type { Logger } from '../../log.js';

/** Telegram refused the bot token: the operator must fix TELEGRAM_BOT_TOKEN. */
export class TelegramSetupError extends Error {
  override name = 'TelegramSetupError';
}

export interface ConnectStep {
  name: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface ConnectOptions {
  /** How long the first attempt of a step may take (default 10 s); each later one may take twice as long, up to a minute. */
  attemptTimeoutMs?: number;
  /** Wait before the next attempt; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface BotConnection {
  readonly firstAttempt: Promise<void>;
  /** The step the channel waits for, or undefined once every step is done. */
  readonly waitingFor: string | undefined;
  stop(): void;
}

export function connectBot({
  steps,
  apiRoot,
  log,
  attemptTimeoutMs = 10_000,
  retryMs = 1_000,
  maxRetryMs = 30_000,
}: ConnectOptions & { steps: ConnectStep[]; apiRoot: string; log: Logger }): BotConnection {
  const abort = new AbortController();
  let done = 0;
  let settle!: () => void;
  let refuse!: (error: Error) => void;
  const firstAttempt = new Promise<void>((resolve, reject) => {
    settle = resolve;
    refuse = reject;
  });

  void (async () => {
    for (let attempt = 1; !abort.signal.aborted; attempt++) {
      try {
        // The first attempt is bounded by attemptTimeoutMs; later ones may take longer (a slow link, a busy host).
        const timeoutMs = Math.min(attemptTimeoutMs * 2 ** (attempt - 1), Math.max(attemptTimeoutMs, 60_000));
        for (; done < steps.length; done++) await steps[done]!.run(AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]));
        return settle();
      } catch (error) {
        if (abort.signal.aborted) return settle();
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
          const refused = new TelegramSetupError(
            `Telegram refused TELEGRAM_BOT_TOKEN (${error.error_code} ${error.description}): copy the bot's token from @BotFather again`,
            { cause: error },
          );
          log.error('telegram.token_refused', { error: refused });
          return refuse(refused);
        }
        const retryInMs = Math.min(retryMs * 2 ** (attempt - 1), maxRetryMs);
        log.warn('telegram.waiting', { waitingFor: steps[done]!.name, apiRoot, attempt, retryInMs, error });
        settle(); // the rest of the service goes on; this keeps trying
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, retryInMs);
          abort.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve(undefined);
            },
            { once: true },
          );
        });
      }
    }
    settle();
  })();

  return {
    firstAttempt,
    get waitingFor() {
      return done < steps.length ? steps[done]!.name : undefined;
    },
    stop: () => abort.abort(),
  };
}
