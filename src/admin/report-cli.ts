/** `npm run report -- [--days 7] [--csv DIR] [--charts DIR] [--lang zh|en]` — see report-command.ts. */
import { loadConfig, readEnvironment } from '../config.js';
import { runReportCommand } from './report-command.js';

try {
  process.exitCode = await runReportCommand({ argv: process.argv.slice(2), config: loadConfig(readEnvironment()) });
} catch (error) {
  process.stderr.write(`report failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
