/**
 * The features the triage classifier sees: jieba words, Chinese character bigrams and trigrams, English
 * words and word pairs, and what the danger lexicon found (category, strength, frames) — so the model can
 * learn that "摔伤" in a question about compensation is a rights question, and in a cry for help is not.
 *
 * @example
 *   messageFeatures('工友触电倒地', lexicon.scan('工友触电倒地')) // → ['w:工友', 'w:触电', 'b:工友', …, 'L:acute:electricity']
 */
import { stemEnglish, tokenize } from '../text/tokenizer.js';
import type { DangerScan } from './danger-lexicon.js';
import { normalise } from './text-matcher.js';

/** Bump when the features change: a stored model trained on other features is then retrained, not copied. */
export const FEATURES_VERSION = 3;

export function messageFeatures(text: string, scan: DangerScan): string[] {
  const t = normalise(text);
  const out: string[] = [];
  for (const w of tokenize(t)) out.push(`w:${w}`);
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run.slice(i, i + 2)}`);
    for (let i = 0; i + 2 < run.length; i++) out.push(`t:${run.slice(i, i + 3)}`);
  }
  // English word pairs keep negations and phrases ("not breathing", "call me") that single words lose.
  const en = (t.match(/[a-z][a-z']*/g) ?? []).map((w) => stemEnglish(w.replace(/'/g, '')));
  for (let i = 0; i + 1 < en.length; i++) out.push(`e:${en[i]}_${en[i + 1]}`);
  for (const h of scan.hits) {
    out.push(`L:${h.strength}:${h.category}`, `L:${h.strength}${h.framed ? ':framed' : ''}`);
  }
  for (const f of scan.frames) out.push(`F:${f}`);
  if (scan.urgent.length) out.push('L:urgent');
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  const size = han + en.length;
  out.push(size < 8 ? 'len:short' : size < 40 ? 'len:mid' : 'len:long');
  if (/[?？]|吗|么$|\b(?:how|what|can|is|are|do|does)\b/.test(t)) out.push('q:question');
  for (const [name, re] of voices) if (re.test(t)) out.push(`V:${name}`);
  return out;
}

/**
 * Who speaks and what for, said any way: the employer's side (有个员工…, "I'm HR", "our workers"), asking how
 * to avoid a duty (怎么操作可以不给…, "how can we avoid…"), asking for someone else's data. Features, not
 * rules: the classifier weighs them against everything else the message says.
 */
const voices: Array<[string, RegExp]> = [
  [
    'employer',
    /(?:有个|有一个|有位|我们(?:公司|厂|店)?的?|手下的?|我的|店里的?|厂里的?)(?:员工|工人|职工|店员|下属|孕妇员工)|(?:让|叫|逼|劝)(?:他|她|员工|工人|职工)[^，。]{0,6}(?:自己|主动)(?:辞职|走|离职|提)|作为(?:老板|hr|人事|雇主|公司|企业|用人单位)|我是(?:老板|hr|人事|公司负责人)|\bi'?m (?:the |an? )?(?:hr|boss|owner|employer|manager)\b|\bas (?:an? |the )?(?:employer|hr|owner|company)\b|\bour (?:employees|workers|staff)\b|\bhow (?:can|do|should|could) we\b/,
  ],
  [
    'evade',
    /(?:怎么|如何|有什么办法|有啥办法|怎样|咋)(?:操作|处理|做|弄|安排|写)?(?:才能|可以|能)?[^。？?]{0,14}(?:不给|不付|不交|少交|少付|不用(?:给|付|交|赔|算)|规避|避开|绕过|不被(?:查|认定|发现)|不算)|\b(?:avoid|dodge|get around|bypass|without paying|not have to pay|so (?:that )?we don'?t (?:have to )?pay)\b/,
  ],
  [
    'others_data',
    /(?:别人|其他(?:员工|工人|人|用户)|同事|他|她)的(?:聊天记录|电话|手机号|住址|身份证|工资条|案件|资料|信息)|\b(?:someone else'?s|other (?:users|workers)'?|all (?:users|workers)'?)\b|\bexport\b/,
  ],
];
