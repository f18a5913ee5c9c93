import type { Lang } from './lang.js';

/**
 * 'en' when English words outnumber the Chinese characters (an English question may name a term in Chinese:
 * "my housing provident fund (公积金)"), 'zh' when the text has Chinese otherwise, 'en' for Latin letters alone,
 * else undefined.
 * @example
 *   detectLang('Can I take out my housing provident fund (公积金) to pay rent?') // → 'en'
 *   detectLang('HR让我sign一个resignation letter，这样legal吗')                 // → 'zh'
 */
export function detectLang(text: string): Lang | undefined {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  if (han && words >= 3 && han < words) return 'en';
  if (han) return 'zh';
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin >= 2 ? 'en' : undefined;
}
