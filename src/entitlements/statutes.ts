/**
 * The statutes the calculators rest on, by their exact front-matter titles in knowledge/laws, and the
 * national constants they fix. A test checks every title and article here against the statute files.
 *
 * @example
 *   cite('labourContract', 46, 47) // → [{ title: '中华人民共和国劳动合同法', article: 46 }, { …, article: 47 }]
 */
import type { LegalBasis } from './types.js';

export const statutes = {
  labourContract: '中华人民共和国劳动合同法',
  labourContractRegulations: '中华人民共和国劳动合同法实施条例',
  labour: '中华人民共和国劳动法',
  wagePayment: '工资支付暂行规定',
  annualLeaveRegulations: '职工带薪年休假条例',
  annualLeaveMeasures: '企业职工带薪年休假实施办法',
  femaleEmployees: '女职工劳动保护特别规定',
  workInjury: '工伤保险条例',
  disputeArbitration: '中华人民共和国劳动争议调解仲裁法',
  civilCode: '中华人民共和国民法典',
} as const;
export type StatuteKey = keyof typeof statutes;

export function cite(statute: StatuteKey, ...articles: number[]): LegalBasis[] {
  return articles.map((article) => ({ title: statutes[statute], article }));
}

/**
 * 月计薪天数: (365 − 104 rest days) ÷ 12 = 21.75 paid days a month, from the notice
 * 《关于职工全年月平均工作时间和工资折算问题的通知》(劳社部发〔2008〕3号), which has no article numbers,
 * so the working names it instead of citing it.
 */
export const PAID_DAYS_PER_MONTH = 21.75;
export const conversionNotice = {
  zh: '《关于职工全年月平均工作时间和工资折算问题的通知》：月计薪天数为21.75天',
  en: 'the notice on monthly working time and wage conversion (劳社部发〔2008〕3号): 21.75 paid days a month',
};

/** 劳动法 36: the standard working day, used to turn a day of overtime into hours. */
export const HOURS_PER_DAY = 8;

/** Where the worker (or the admin) finds a local figure that was not set. */
export const publishedBy = {
  zh: '由当地人力资源和社会保障部门（人社局）公布',
  en: 'published by the local human-resources and social-security bureau (人社局)',
};
