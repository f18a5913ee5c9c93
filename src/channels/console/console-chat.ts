/**
 * The console channel of the embedded default: a worker types questions in the terminal (or pipes them:
 * `echo "公司拖欠工资怎么办" | npm start`) and reads the answers. Each line is stored and handled like a
 * Telegram message; replies come back through the outbox. Lines starting with ':' go to the console staff
 * desk when one is given, so the whole flow — ask, escalate, claim, reply, resolve — works on one machine.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Lang } from '../../assistant/types.js';
import { caseStatusLines } from '../../conversation/case-status-lines.js';
import type { OutgoingWorkerMessage, ServiceButton, WorkerIdentity, WorkerService } from '../../conversation/types.js';
import type { Translate } from '../../i18n/translator.js';
import { type Logger, silentLogger } from '../../log.js';
import type { Outbox, OutboxRow } from '../../outbox/outbox.js';
import type { Db } from '../../store/db.js';
import { markInbound, recordInbound } from '../../store/inbox-store.js';

export const CONSOLE_CHANNEL = 'console';

export interface ConsoleChatOptions {
  db: Db;
  outbox: Outbox;
  workers: WorkerService;
  translate: Translate;
  input: Readable;
  output: Writable;
  /** Staff commands (':queue', ':claim 3' …) from the console desk, when there is no Slack. */
  staffCommand?: (line: string) => Promise<string>;
  log?: Logger;
}

/** Renders a worker message as terminal text. */
export function renderForConsole(message: OutgoingWorkerMessage, translate: Translate): string {
  const hints = (message.buttons ?? []).map((b) => translate(message.lang, `console-button-${b}`));
  // A choice is answered by typing its label (or value), which the bot reads like any reply.
  const choices = (message.choices ?? []).map((c) => `[${c.label}]`).join(' ');
  // A guided application's buttons are pressed by typing their number: /1, /2 …
  const service = (message.serviceButtons ?? []).map((b, i) => `[/${i + 1} ${b.label}]`).join(' ');
  const lines = [choices, service]
    .filter(Boolean)
    .map((l) => `\n  ${l}`)
    .join('');
  return `\n${message.text}${lines}${hints.length ? `\n  (${hints.join(' · ')})` : ''}\n`;
}

/** `/2`: the second button of the last message that had buttons (an old one is recognised as such). */
const pressed = /^\/(\d{1,2})$/;

/**
 * Registers the console as a worker channel and reads lines until the input ends. Resolves when the input
 * has ended and every reply has been printed.
 */
export async function runConsoleChat({
  db,
  outbox,
  workers,
  translate,
  input,
  output,
  staffCommand,
  log = silentLogger,
}: ConsoleChatOptions): Promise<void> {
  const runId = Date.now().toString(36);
  const worker: WorkerIdentity = { channel: CONSOLE_CHANNEL, externalId: 'local', chatId: 'console', displayName: null };

  // The buttons of the last message that had some: `/2` presses the second.
  let buttons: ServiceButton[] = [];
  outbox.register(CONSOLE_CHANNEL, async (item: OutboxRow) => {
    const message = item.payload as OutgoingWorkerMessage;
    if (message.serviceButtons?.length) buttons = message.serviceButtons;
    output.write(renderForConsole(message, translate));
  });
  outbox.start();

  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const lang = (): Promise<Lang> => workers.language(worker).then((l) => l ?? 'zh');
  if (interactive) output.write(`${translate(await lang(), 'console-welcome')}\n`);

  const rl = createInterface({ input, terminal: false });
  let n = 0;
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith(':') && staffCommand) {
      output.write(`${await staffCommand(line)}\n`);
      continue;
    }
    const { message } = await recordInbound(db, {
      channel: CONSOLE_CHANNEL,
      externalId: `${runId}-${++n}`,
      sender: worker.externalId,
      payload: { text: line },
    });
    try {
      const press = pressed.exec(line);
      if (press && buttons[Number(press[1]) - 1])
        await workers.press?.(worker, buttons[Number(press[1]) - 1]!.press, message.id, await lang());
      else if (line === '/services') await workers.services?.(worker, message.id, await lang());
      else if (line === '/case') output.write(`\n${caseStatusLines(await workers.cases(worker), await lang(), translate).join('\n')}\n`);
      else if (line === '/human') await workers.requestHuman(worker, message.id, await lang());
      else if (line === '/forget') await workers.forget(worker);
      else if (line === '/lang en' || line === '/lang zh') await workers.setLanguage(worker, line.slice(6) as Lang);
      else await workers.receive({ externalId: String(message.id), worker, text: line }, message.id);
      await markInbound(db, message.id, 'handled');
    } catch (error) {
      log.error('console.handle_failed', { error });
      await markInbound(db, message.id, 'failed', (error as Error).message);
    }
    // Print the replies before reading on: the console cannot fail, so everything due is delivered now.
    await outbox.drain();
  }
  await outbox.drain();
}
