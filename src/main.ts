/**
 * `npm start` (`node dist/main.js`; `npm run dev` runs it from source): reads the settings, starts the app, and
 * stops it on SIGTERM / SIGINT or, in the console, at the end of input. The one loud error boundary: a
 * misconfiguration is one clear message and exit code 1, never a stack trace with secrets in it.
 *
 * Stopping is bounded: the app finishes what it holds (updates in hand, the outbox pass, the database) within
 * SHUTDOWN_TIMEOUT_MS, then the process exits, whatever still waits (the console's input, a keep-alive
 * connection). A second signal, or one during start (first-start indexing), exits at once. Either way the
 * exit releases the embedded data directory's lock.
 */

import { type App, startApp } from './app.js';
import { type Config, loadConfig, readEnvironment, secretValues } from './config.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config: Config = loadConfig(readEnvironment());
  // In the console the chat is on stdout; keep routine logs out of the worker's way unless asked for.
  const consoleMode = !config.TELEGRAM_BOT_TOKEN;
  const level = consoleMode && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const log = createLogger({ level, secrets: secretValues(config) });
  // Whatever escapes every handler is one redacted log line, never a stack trace. A stray rejection is
  // logged and the service goes on (stored updates and the outbox retry); a thrown exception leaves the
  // process in an unknown state, so it exits and the supervisor restarts it (the journal replays).
  process.on('unhandledRejection', (error) => log.error('process.unhandled_rejection', { error }));
  process.on('uncaughtException', (error) => {
    log.error('process.uncaught_exception', { error });
    process.exit(1);
  });

  let app: App | undefined;
  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    stopping = true;
    log.info('app.stopping', { reason });
    setTimeout(() => {
      log.error('app.stop_timed_out', {
        reason,
        ms: config.SHUTDOWN_TIMEOUT_MS,
        hint: 'raise SHUTDOWN_TIMEOUT_MS if stopping is slow but healthy',
      });
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app!.stop();
    log.info('app.stopped', { reason });
    process.exit(0); // whatever still waits (the console's input, a keep-alive connection) is not ours to finish
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!app || stopping) {
      log.warn('app.exit_now', { signal, starting: !app });
      process.exit(1);
    }
    void stop(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  app = await startApp({ config, log, host: config.HTTP_HOST });
  if (app.consoleDone) {
    await app.consoleDone;
    await stop('end of input');
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Niangjia could not start: ${error.message}\n`);
  process.exitCode = 1;
});
