/**
 * `npm start`: reads the settings, starts the app, and stops it cleanly on SIGTERM / SIGINT or, in the
 * console, at the end of input. The one loud error boundary: a misconfiguration is one clear message and
 * exit code 1, never a stack trace with secrets in it.
 */
import { loadConfig, readEnvironment, secretValues, type Config } from './config.js';
import { createLogger } from './log.js';
import { startApp } from './app.js';

async function main(): Promise<void> {
  const config: Config = loadConfig(readEnvironment());
  // In the console the chat is on stdout; keep routine logs out of the worker's way unless asked for.
  const consoleMode = !config.TELEGRAM_BOT_TOKEN;
  const level = consoleMode && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const log = createLogger({ level, secrets: secretValues(config) });
  const app = await startApp({ config, log });

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log.info('app.stopping', { signal });
      await app.stop();
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  if (app.consoleDone) {
    await app.consoleDone;
    await shutdown('end of input');
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Niangjia could not start: ${error.message}\n`);
  process.exitCode = 1;
});
