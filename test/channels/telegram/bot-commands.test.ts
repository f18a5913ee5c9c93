import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBotCommands, WORKER_COMMANDS } from '../../../src/channels/telegram/bot-commands.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { createLogger } from '../../../src/log.js';
import { FAKE_BOT, FAKE_TOKEN, type FakeTelegram, startFakeTelegram } from '../../fakes/fake-telegram.js';

describe('the Telegram command menu', () => {
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(() => tg?.close());

  const bot = () => new Bot(FAKE_TOKEN, { botInfo: FAKE_BOT, client: { apiRoot: tg.apiRoot } });

  it('is set in Chinese by default and for zh clients, in English for en clients', async () => {
    await setBotCommands({ api: bot().api, translate: loadTranslator(), log: createLogger({ level: 'silent' }) });
    const calls = tg.sent('setMyCommands');
    expect(calls.map((c) => c.payload['language_code'] ?? 'default').sort()).toEqual(['default', 'en', 'zh']);
    const menu = (code?: string) =>
      calls.find((c) => c.payload['language_code'] === code)!.payload['commands'] as Array<{ command: string; description: string }>;
    for (const code of [undefined, 'zh', 'en']) {
      expect(menu(code).map((c) => c.command)).toEqual([...WORKER_COMMANDS]);
      for (const { command, description } of menu(code)) {
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
        expect(description).not.toBe(`tg-command-${command}`); // a text exists for it
      }
    }
    expect(menu(undefined)).toEqual(menu('zh'));
    expect(menu('zh').find((c) => c.command === 'human')!.description).toContain('娘家人');
    expect(menu('en').find((c) => c.command === 'forget')!.description).toBe('Delete my data');
  });

  it('logs a failure and goes on: never fatal', async () => {
    const lines: string[] = [];
    tg.failNext('setMyCommands', 3, { status: 500 });
    await expect(
      setBotCommands({ api: bot().api, translate: loadTranslator(), log: createLogger({ write: (l) => lines.push(l) }) }),
    ).resolves.toBeUndefined();
    expect(lines.map((l) => JSON.parse(l) as { event: string; language: string })).toEqual(
      expect.arrayContaining(
        ['default', 'zh', 'en'].map((language) => expect.objectContaining({ event: 'telegram.commands_not_set', language })),
      ),
    );
    expect(lines.join('\n')).not.toContain(FAKE_TOKEN);
  });
});
