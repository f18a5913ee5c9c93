/**
 * Shows re-index progress on stderr: a bar redrawn in place (`\r`) on a terminal, plain lines otherwise
 * (CI logs, pipes) — a line per phase step of 10 % and one per failed file.
 *
 * @example
 *   const view = createProgressView({ stream: process.stderr });
 *   await admin.run(view.update); view.finish();
 */
import { describeEvent, type ReindexEvent, type ReindexPhase } from './reindex-report.js';

export interface ProgressViewOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  tty?: boolean;
  width?: number;
}

const labels: Record<ReindexPhase, string> = { read: 'reading', embed: 'embedding', switch: 'switching' };

export function createProgressView({ stream = process.stderr, tty = Boolean(stream.isTTY), width = 24 }: ProgressViewOptions = {}) {
  let drawn = false;
  let lastPhase: ReindexPhase | undefined;
  let lastTenth = -1;
  const clearLine = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  const print = (line: string) => {
    clearLine();
    stream.write(`${line}\n`);
  };
  return {
    update(event: ReindexEvent): void {
      if (event.type !== 'progress') {
        print(describeEvent(event)!);
        return;
      }
      const share = event.total ? event.done / event.total : 1;
      if (tty) {
        const filled = Math.round(share * width);
        const columns = (stream as { columns?: number }).columns ?? 100;
        const line = `${labels[event.phase].padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${event.done}/${event.total} ${event.path ?? ''}`;
        stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (event.phase !== lastPhase || tenth > lastTenth) {
        lastPhase = event.phase;
        lastTenth = tenth;
        print(describeEvent(event)!);
      }
    },
    finish(): void {
      clearLine();
    },
  };
}
