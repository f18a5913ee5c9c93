/**
 * Interface texts live in Fluent files under `locales/<lang>/*.ftl` (zh, en), never in code. The core and
 * the channels all use this one translator.
 *
 * @example
 *   const t = loadTranslator();
 *   t('zh', 'case-opened', { caseId: 42 })
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Lang } from './lang.js';

export const localesDir = fileURLToPath(new URL('../../locales/', import.meta.url));

export type Translate = (lang: Lang, key: string, args?: Record<string, FluentVariable>) => string;

export function loadTranslator(dir = localesDir): Translate {
  const bundles = new Map<Lang, FluentBundle>();
  for (const lang of ['zh', 'en'] as const) {
    const bundle = new FluentBundle(lang, { useIsolating: false });
    const folder = join(dir, lang);
    if (existsSync(folder)) {
      for (const file of readdirSync(folder)
        .filter((f) => f.endsWith('.ftl'))
        .sort()) {
        const errors = bundle.addResource(new FluentResource(readFileSync(join(folder, file), 'utf8')));
        if (errors.length) throw new Error(`locales/${lang}/${file}: ${errors[0]!.message}`);
      }
    }
    bundles.set(lang, bundle);
  }
  return (lang, key, args) => {
    for (const l of [lang, lang === 'zh' ? 'en' : 'zh'] as const) {
      const bundle = bundles.get(l)!;
      const message = bundle.getMessage(key);
      if (message?.value) return bundle.formatPattern(message.value, args);
    }
    return key;
  };
}
