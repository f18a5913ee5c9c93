/**
 * The command menu workers see in Telegram (the "/" button), in Chinese and English. Set at every start with
 * `setMyCommands`: the default list in Chinese (the service's main language), and lists for clients set to
 * zh or en. A failure is logged and the channel starts anyway: the commands still work when typed.
 *
 * @example
 *   await setBotCommands({ api: bot.api, translate, log });
 */
import type { Api } from 'grammy';
import type { Lang } from '../../assistant/types.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../log.js';

/** What worker-updates.ts answers, in menu order; each has its `tg-command-<name>` text in locales/. */
export const WORKER_COMMANDS = ['start', 'help', 'human', 'services', 'case', 'lang', 'forget'] as const;

/** The menus: [the language of the texts, the client language it is for (undefined = every other client)]. */
const menus: Array<[Lang, Lang | undefined]> = [
  ['zh', undefined],
  ['zh', 'zh'],
  ['en', 'en'],
];

export async function setBotCommands({ api, translate, log }: { api: Api; translate: Translate; log: Logger }): Promise<void> {
  await Promise.all(
    menus.map(async ([lang, languageCode]) => {
      const commands = WORKER_COMMANDS.map((command) => ({ command, description: translate(lang, `tg-command-${command}`) }));
      try {
        await api.setMyCommands(commands, languageCode ? { language_code: languageCode } : undefined);
      } catch (error) {
        log.warn('telegram.commands_not_set', { language: languageCode ?? 'default', error });
      }
    }),
  );
}
