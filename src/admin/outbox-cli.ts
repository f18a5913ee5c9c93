/** `npm run outbox -- --list | --retry ID | --retry-all` — see outbox-command.ts. */
import { loadConfig, readEnvironment } from '../config.js';
import { runOutboxCommand } from './outbox-command.js';

try {
  process.exitCode = await runOutboxCommand({ argv: process.argv.slice(2), config: loadConfig(readEnvironment()) });
} catch (error) {
  process.stderr.write(`outbox failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
