// Second half of `npm run build`: copies the files under src/ that are not TypeScript (the SQL migrations,
// the Slack app manifest) to the same place under dist/, where the compiled code looks for them.
// `node scripts/copy-assets.mjs DIR` copies them to DIR instead (the bench's compiled service: bench/telegram.ts).
import { cpSync } from 'node:fs';

cpSync('src', process.argv[2] ?? 'dist', { recursive: true, filter: (path) => !path.endsWith('.ts') });
