/**
 * What a date in a worker's words marks, read from the words around it: the first day (2021年3月入职,
 * "joined Acme on …"), the last day (被辞退, "my last day was …"), the day they learned of the
 * wrong (才知道, 当天我就知道), the day a written contract was signed (才和我补签合同), or "now" as the
 * worker dates it (到现在（2025年9月）, "now (May 2026)").
 *
 * @example
 *   dateRole('I joined Acme on 9 May 2022', 16, 10)            // → { role: 'start' }
 *   dateRole('从2020年6月到2025年5月', 9, 7)                   // → { role: 'end', bareTo: true }
 */
export type DateRole = 'start' | 'end' | 'knew' | 'signed' | 'now' | 'birth' | 'interrupted' | 'firstWork';

// The words between the verb and on/in never hold a comma or a figure: "fired on 3 May 2025, I joined in …".
const enVerbOn = (verbs: string) => `\\b(?:${verbs})\\b[^.;,!?\\d]{0,60}?\\b(?:on|in)`;

// The words just before a date bind tighter than the ones after it: 从…, 干到…, "fired me … on …".
const before: Array<[DateRole, RegExp]> = [
  [
    'now',
    /(?:到|至|截至|截止)?\s*(?:现在|目前|如今)\s*(?:是|为)?\s*[（(]?\s*$|(?:今天|今日)\s*(?:是|为)\s*$|\bnow\s*[(（]?\s*$|\btoday\s*[,:：]?\s*$|\bnow it'?s\s*$|\bit'?s now\s*$|\bas of\s*$|\btoday(?:'s date)? is\s*$/i,
  ],
  ['signed', new RegExp(`${enVerbOn('signed')}\\s*$`, 'i')],
  // The first job anywhere, which years of work count from (annual leave): "started my first job in".
  [
    'firstWork',
    /参加工作(?:的)?(?:时间|日期)\s*(?:是|为|在)?\s*$|\b(?:first (?:job|work|employment)|started (?:my first job|working|my working life|my career)|began (?:working|my career|my first job)|(?:have|has|'ve) been working (?:continuously )?since)(?:\s+(?:was|in|on|at|from|since))?\s*$/i,
  ],
  [
    'birth',
    /(?:产假从|产假自|gave birth (?:on|in)|(?:baby|child|son|daughter) was born (?:on|in)|born on|delivered on|(?:maternity )?leave (?:starts?|started|begins?|began|from)(?: on)?)\s*$/i,
  ],
  [
    'end',
    new RegExp(
      `(?:(?:干|做|上班|工作|待|呆)到|直到|一直到|(?:离职|辞职|解除|终止|辞退|离开|最后一天上班)(?:的)?(?:日期|时间|那天|日子)?(?:是|为|在)|\\buntil|\\btill|${enVerbOn('fired|dismissed|terminated|laid off|let go|left|quit|resigned|leaving|sacked|ended')}|\\b(?:fired|dismissed|terminated|laid off|let go|left|quit|resigned|sacked)|\\b(?:fired|dismissed|sacked|let)\\s+(?:me|us)(?:\\s+go)?|\\b(?:laid|let) (?:me|us|him|her) (?:off|go)(?: on)?|(?:last|final) (?:working )?day(?: of (?:work|employment))? (?:was|is|will be|on|is on|will be on)|\\b(?:i'?m|i am|i was|i'?ll be|i will be) (?:out|gone)(?: on)?|\\b(?:shut|closed) down(?: for good| completely| permanently)? on|\\b(?:dissolved|went bankrupt|closed) on|(?:employment|job|contract|work) (?:ended|ends|end|ending|expired|expires|expire|finished|was terminated|terminated)(?: on)?|\\b(?:got|received|was given|was handed) (?:the|a|my) (?:dismissal|termination|firing) (?:letter|notice|email|message)(?: on)?|(?<!since |from )\\b(?:effective )?(?:the )?end of)\\s*$`,
      'i',
    ),
  ],
  [
    'start',
    new RegExp(
      `(?:从|自|(?:入职|进厂|到岗|报到)(?:的)?(?:日期|时间|那天)?(?:是|为|在)|\\bsince|\\bfrom|first (?:working )?day(?: of (?:work|employment))? (?:was|is)|${enVerbOn('joined|started|start|starts|hired|began|employed')}|\\b(?:moved|switched|changed|went) to (?:a |my )?(?:new|current|present) (?:employer|company|job|firm)(?: on| in)?|\\b(?:joined|started|hired)|employed\\s+from)\\s*$`,
      'i',
    ),
  ],
];

// 才补签了书面劳动合同, 拖到9月16号才签 (才 says it was finally signed, 合同 or not): read before both lists, since it
// outweighs a 直到 before the date.
const signedAfter =
  /^\s*(?:才|就|又)?\s*(?:跟我|和我|与我)?\s*(?:补签|补订|签订|签了|签的|签)(?:了)?\s*(?:书面)?(?:的)?(?:劳动)?合同|^\s*(?:公司|老板|单位)?\s*才\s*(?:跟我|和我|与我)?\s*(?:补签|签)/;

const after: Array<[DateRole, RegExp]> = [
  // 2025年4月22日我去劳动监察大队投诉 / "On 22 April 2025 I filed a complaint": the limitation restarts (仲裁法 27).
  [
    'interrupted',
    /^\s*(?:我)?\s*(?:就|又)?\s*(?:去|到|向|找|给)?\s*(?:了)?\s*(?:劳动监察|监察大队|劳动局|人社局|人社部门|信访|12345|12333|工会|法院|公司|单位|老板)[^，。；,;]{0,10}?(?:投诉|举报|反映|起诉|申请调解|书面要求|书面催|发了?催款|寄了?催款|催款函|催告函|律师函|索赔函|要求支付|主张|要过|要了)|^[^，。；,;]{0,8}?(?:把|将)?[^，。；,;]{0,4}?(?:书面)?(?:索赔函|催款函|律师函|索赔书|仲裁申请书)[^，。；,;]{0,8}?(?:交给|送给|寄给|发给|递给|交到)|^[^，。；,;]{0,8}?(?:公司|老板|单位|hr|人事|领导|包工头)[^，。；,;]{0,10}?(?:答应|同意|承诺|承认)[^，。；,;]{0,8}(?:付|给|支付|赔|补)|^[^.;!?]{0,12}?\b(?:the )?(?:company|employer|boss|hr|manager)\b[^.;!?]{0,40}?\b(?:agree\w*|promis\w*|admit\w*|acknowledg\w*)\b[^.;!?]{0,12}?\b(?:to pay|it owed|the debt|in writing)|^\s*,?\s*(?:i\s+|we\s+)(?:filed|lodged|made|sent|wrote|submitted|gave|delivered|handed)\b[^.;!?]{0,30}?\b(?:complaint|demand|claim|letter|request)|^\s*,?\s*(?:i\s+|we\s+)complained\b/i,
  ],
  [
    'birth',
    /^\s*(?:我)?\s*(?:就|才)?\s*(?:顺产|剖腹产|剖宫产|生了|生下|生的|分娩|生产|生孩子|生宝宝|生小孩|开始休产假|休产假)|^\s*,?\s*(?:i\s+)?gave birth/i,
  ],
  ['knew', /^\s*(?:我)?\s*(?:才|就)?\s*(?:知道|发现|得知|收到)/],
  [
    'end',
    /^\s*(?:份)?\s*(?:的时候|时)?\s*(?:我)?\s*(?:被|就)?\s*(?:公司|老板|单位|厂里)?\s*(?:无理由|无故|违法|直接|突然|口头|书面|当面)?\s*(?:把我)?\s*(?:辞退|开除|离职|辞职|解除|终止|炒|裁|走的|不干|合同到期|到期|解雇|劝退)|^\s*(?:因为?|由于)[^，。；,]{0,12}?(?:被|把我)?\s*(?:解除|辞退|开除|裁|解雇|终止|辞职|离职)|^\s*(?:是|为)?\s*(?:我的?)?\s*最后一天|^\s*(?:我的)?\s*(?:劳动)?合同\s*(?:就)?\s*(?:到期|终止|期满|解除)|^\s*(?:公司|老板|单位|厂里|领导|HR)?\s*(?:当面|书面|口头|正式|直接)?\s*(?:给了?我|向我|跟我|对我|通知我?|告诉我|说)?\s*(?:说|讲|通知)?\s*(?:我)?\s*(?:发了?|下了?|送达了?)?\s*(?:书面|口头)?(?:的)?\s*(?:我)?\s*(?:被)?(?:解除|辞退|解雇|开除|炒|(?:明天|以后)?(?:就)?(?:不用|别|不要)(?:再)?来(?:上班)?了|走人|滚)|^\s*,?\s*(?:that\s+)?(?:i\s+)?(?:was\s+)?(?:fired|dismissed|laid off|let go|left|quit|resigned)|^[^.;!?]{0,12}?\bthat (?:i|we) (?:was|were|am|are|had been) (?:fired|dismissed|laid off|let go|terminated)|^[^.;!?]{0,70}?\b(?:don'?t|do not|not to) come (?:back|tomorrow|in tomorrow)/i,
  ],
  [
    'firstWork',
    /^[^，。；,;]{0,8}?(?:第一次)?(?:参加工作|开始工作|出来(?:打工|工作|上班)|第一次上班)|^[^，。；,;]{0,6}?毕业(?:后)?就(?:开始)?(?:上班|工作|参加工作|出来)/,
  ],
  [
    'start',
    /^\s*(?:份)?\s*(?:的时候|时)?\s*(?:我)?\s*(?:就)?\s*(?:开始)?\s*(?:入职|进厂|进公司|进的|进了|来的|来这|来公司|上班|开始|到岗|报到|加入|跳槽|换到|调到|跳到)|^\s*,?\s*(?:i\s+)?(?:joined|started)/i,
  ],
  // 2023年3月1号去一家湘菜馆当厨师: going to a workplace to work there.
  [
    'start',
    /^\s*(?:我)?\s*(?:就)?\s*(?:去|到|进)了?\s*[^，。；,;]{0,14}?(?:公司|厂|单位|店|馆|饭店|工地|酒店|超市|诊所|仓库|物流|集团|餐厅|学校|工作室|车间)[^，。；,;]{0,4}?(?:当|做|干活|干|上班|打工|工作|入职)/,
  ],
  // 2023年6月30日从现在的单位离职 / 大学毕业就一直在这家公司上班
  ['end', /^\s*(?:我)?\s*(?:就)?\s*(?:从|在)[^，。；,;]{0,10}?(?:离职|辞职|退休|走人)/],
  ['start', /^\s*(?:我)?\s*(?:大学|研究生|中专|大专|高中|技校|职高)?毕业(?:后)?\s*(?:就)?\s*(?:一直)?\s*(?:在|进了?|来)/],
  // 2023年11月8号被公司口头加书面通知开除的, 24年6月27号我干不下去离职了: an end verb later in the date's clause,
  // with no start verb before it.
  [
    'end',
    /^(?:(?!入职|进厂|进公司|上班|开始|加入|到岗|报到|来的|进的)[^，。；,;.!?\n]){0,16}?(?:(?:被|把我)[^，。；,;]{0,10}?(?:辞退|开除|解除|解雇|炒|裁|劝退)|(?:让我|叫我|要我)(?:走人|滚|卷铺盖|别来了|不用来了)|(?:发了?|递了?|交了?|提了?|提出)[^，。；,;]{0,8}?(?:解除|辞职|离职)|(?:离职|辞职|不干了|走人)(?:了|的))/,
  ],
  // 6月20号HR说…，当天就让我走了: sent away that same day.
  ['end', /^[^。；;.!?]{0,30}?(?:当天|当场|马上|立刻|立马)(?:就)?(?:让我|叫我|要我|把我)(?:走|离开|滚|收拾东西|赶走|开了)/],
  // 当天我就知道 / "that same day the company told me": the date is the day they learned of it.
  ['knew', /^[^。；;.!?]{0,24}?(?:当天|当日|that (?:same )?day|the same day)[^。；;.!?]{0,16}?(?:知道|得知|发现|明确|told|said|informed)/i],
];

const earlierJob =
  /(?:previous|former|last|old|earlier)\s+(?:job|employer|company|contract|work)\b[^,，。;；]{0,24}$|(?:(?:上一家|上一份|上家|前一家)(?:单位|公司|工作|厂)?|(?:之前的|原来的|以前的)(?:单位|公司|工作|厂))[^，。；,;]{0,12}$/i;

/** A bare 到/至/to (从…到…) marks an end only after a start; 到今年1月1日，我累计工作… is "as of". */
const bareTo = /(?:到|至|\bto|\bthrough)\s*$/i;

export interface RoleReading {
  role?: DateRole;
  /** True when only a bare 到/至 gave the role: the caller keeps it only after a start date. */
  bareTo?: boolean;
}

/**
 * The role of the date at [index, index + length) in text.
 * @example
 *   dateRole('2024年11月30日是我最后一天上班', 0, 11) // → { role: 'end' }
 */
export function dateRole(text: string, index: number, length: number): RoleReading {
  const head =
    text
      .slice(Math.max(0, index - 80), index)
      .split(/[。；;!?！？\n]/)
      .pop() ?? '';
  const tail = text.slice(index + length, index + length + 80);
  // "on Tuesday 11/8/2022", 周二（3月5日）: the weekday before a date says nothing of its role.
  const bare = head.replace(
    /(?:\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?|(?:周|星期|礼拜)[一二三四五六日天][，,]?)\s*[（(]?\s*$/i,
    '',
  );
  // "my previous job ended 30 September 2023", 上一份工作…: another employer's dates.
  if (earlierJob.test(bare)) return {};
  // 从2023年10月开始拖工资: when the arrears began, not the first day of the job.
  if (/^\s*(?:就|起)?\s*(?:开始)?\s*(?:拖|欠|不发|少发|停发|扣|降|克扣)(?:工资|薪|钱|了)?/.test(tail) && /(?:从|自)\s*$/.test(bare))
    return {};
  // 直到2023年8月1号才补签了书面劳动合同: the signing after the date says more than the 直到 before it.
  if (signedAfter.test(tail)) return { role: 'signed' };
  for (const [role, re] of before) if (re.test(bare)) return { role };
  for (const [role, re] of after) if (re.test(tail)) return { role };
  return bareTo.test(bare) ? { role: 'end', bareTo: true } : {};
}
