/** `npm run reindex [-- --dry-run | --full | --rollback | --sources]` — see reindex-command.ts. */
import { loadConfig, readEnvironment } from '../config.js';
import { runReindexCommand } from './reindex-command.js';

try {
  process.exitCode = await runReindexCommand({ argv: process.argv.slice(2), config: loadConfig(readEnvironment()) });
} catch (error) {
  process.stderr.write(`reindex failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
