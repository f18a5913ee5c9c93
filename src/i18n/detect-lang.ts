import type { Lang } from './lang.js';

/** 'zh' when the text has Chinese characters, 'en' when it is mostly Latin letters, else undefined. */
export function detectLang(text: string): Lang | undefined {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin >= 2 ? 'en' : undefined;
}
