// Second half of `npm run build`: copies the files under src/ that are not TypeScript (the SQL migrations,
// the Slack app manifest) to the same place under dist/, where the compiled code looks for them.
import { cpSync } from 'node:fs';

cpSync('src', 'dist', { recursive: true, filter: (path) => !path.endsWith('.ts') });
