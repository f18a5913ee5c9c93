/**
 * Yes/no and kind facts in a worker's words: how the job ended, whether there is a written contract, a
 * birth or a miscarriage, time off in lieu, unpaid wages. Negations are tested before the positive words
 * (没有补休 contains 有补休).
 *
 * @example
 *   situationFacts('公司一直没签合同，上周被无故辞退') // → { noWrittenContract: true, terminationReason: 'unlawful_dismissal', stillEmployed: false }
 */
import type { Facts } from './facts.js';
import { leaveFacts } from './leave-facts.js';
import type { TerminationReason } from './severance-owed.js';

/** True / false by the first pattern that matches, negative first; undefined when none does. */
function yesNo(text: string, no: RegExp, yes: RegExp): boolean | undefined {
  if (no.test(text)) return false;
  return yes.test(text) ? true : undefined;
}

const reasonPatterns: Array<[TerminationReason, RegExp]> = [
  [
    'unlawful_dismissal',
    /违法(?:解除|辞退|开除)|无故(?:把我)?(?:辞退|开除|解雇)|没有(?:任何)?理由.{0,4}(?:辞退|开除|解雇)|unlawful(?:ly)?\s+(?:dismiss|fire|terminat)|without\s+(?:any\s+)?(?:reason|cause)/i,
  ],
  ['layoff', /裁员|被裁|layoffs?|laid off|redundan/i],
  ['employer_closed', /倒闭|破产|关门|解散|吊销|注销|跑路|bankrupt|closed down|shut down|went under/i],
  ['contract_expired_refused_renewal', /(?:我|自己)(?:不想|不愿意?)续(?:签|订)|i (?:refused|declined) to renew/i],
  ['contract_expired', /(?:合同)?到期.{0,6}(?:不续|没续|不再续|不签|不给续)|不(?:跟我|和我|给我)?续签|not renew|didn'?t renew/i],
  [
    'resigned_employer_fault',
    /(?:拖欠|欠薪|不发工资|没发工资|不交社保|没交社保|没买社保|不缴社保|没缴社保).{0,12}(?:辞职|离职|走)|(?:辞职|离职).{0,6}(?:因为|由于).{0,8}(?:拖欠|欠薪|工资|社保)|(?:quit|resigned).{0,20}because.{0,20}(?:unpaid|wages|social insurance)/i,
  ],
  ['resigned', /(?:我|自己)?(?:自己|主动)(?:提出)?(?:要)?(?:辞职|离职|不干)|i (?:resigned|quit)\b/i],
  ['dismissed_misconduct', /(?:严重)?违纪|严重违反|严重失职|不符合录用条件|misconduct/i],
  ['dismissed_no_fault', /不能胜任|不胜任|医疗期满|客观情况.{0,4}变化|incompeten/i],
  ['retired', /退休|领养老金|retire/i],
];

const babyWords: Array<[RegExp, number]> = [
  [/双胞胎|龙凤胎|twins/i, 2],
  [/三胞胎|triplets/i, 3],
  [/四胞胎|quadruplets/i, 4],
  [/单胎|一胎|(?:一|1)个(?:宝宝|孩子|女儿|儿子|小孩|男孩|女孩)|\b(?:a|one|single) (?:baby|child|son|daughter)\b|singleton/i, 1],
];

function birthFacts(text: string): Facts {
  const facts: Facts = {};
  if (/流产|小产|胎停|miscarr/i.test(text)) facts.birthKind = 'miscarriage';
  else if (
    /生孩子|生了|生下|生育|分娩|产假|坐月子|出生|生宝宝|怀孕|顺产|剖腹产|剖宫产|gave birth|give birth|giving birth|maternity|pregnan|c-section|caesarean|cesarean|delivery|twins|triplets/i.test(
      text,
    )
  )
    facts.birthKind = 'birth';
  const babies = babyWords.find(([re]) => re.test(text));
  if (babies) facts.babies = babies[1];
  const difficult = yesNo(
    text,
    /顺产|不是难产|没有难产|natural birth|normal (?:delivery|birth)|vaginal (?:delivery|birth)|not a difficult|no complications/i,
    // A caesarean counts as a difficult birth (难产) in the provinces' rules that define it.
    /难产|剖腹产|剖宫产|difficult (?:birth|labou?r|delivery)|c-section|caesarean|cesarean/i,
  );
  if (difficult !== undefined) facts.difficultBirth = difficult;
  return facts;
}

function contractFacts(text: string): Facts {
  const facts: Facts = {};
  if (/无固定期限|open[- ]ended|no fixed term/i.test(text)) facts.contractKind = 'open_ended';
  else if (/以完成一定工作任务为期限|完成一定工作任务|项目合同|按项目签|task[- ]based|for (?:a|the) project/i.test(text))
    facts.contractKind = 'task';
  if (
    /(?:没|没有|未|不)(?:跟我|和我|给我|与我)?(?:签|签订|订立|签过)(?:过)?(?:书面)?(?:的)?(?:劳动)?合同|no (?:written )?(?:labou?r )?contract|(?:didn'?t|did not|never) sign(?:ed)? (?:a |any |the )?(?:written )?contract|never (?:gave|given|offered) me (?:a |any )?(?:written )?contract/i.test(
      text,
    )
  ) {
    facts.noWrittenContract = true;
  }
  return facts;
}

function workFacts(text: string): Facts {
  const facts: Facts = {};
  const reason = reasonPatterns.find(([, re]) => re.test(text));
  if (reason) facts.terminationReason = reason[0];
  if (
    /拖欠|欠薪|欠.{0,6}(?:工资|薪水|工钱)|工资.{0,10}?(?:没发|不发|未发|没给|不给|没结|拖着|欠着|还欠)|加班费.{0,4}(?:没|不)(?:给|发|付)|(?:不|没)(?:给|发|付)(?:我)?(?:工资|加班费)|unpaid (?:wages|salary|overtime)|(?:refused|failed|didn'?t|did not|never|won'?t) (?:to )?pa(?:y|id) (?:me )?(?:my |the )?(?:wages|salary|overtime)|owe[sd]? me.{0,24}(?:wages|salary|pay)|delay(?:ed|ing)? (?:our |my )?(?:wages|salary|pay)/i.test(
      text,
    )
  ) {
    facts.claimKind = 'wage_arrears';
  } else if (
    /违法(?:解除|辞退|开除|终止)|赔偿金|经济补偿|补偿金|补偿|赔偿|工伤|社保|辞退|开除|解雇|解除|裁员|被辞|被裁|被炒|炒了我|炒鱿鱼|不用来了|别来了|让我走人|叫我走人|滚蛋|let (?:me|him|her) go|sacked|unlawful|compensation|damages|severance|social insurance|dismiss|fired|laid off|terminat/i.test(
      text,
    )
  ) {
    // A dispute over anything but wages (a dismissal, severance, injury, social insurance) runs a year
    // from the day the worker knew (仲裁法 27).
    facts.claimKind = 'other';
  }
  const employed = yesNo(
    text,
    /已经?(?:离职|辞职|被辞退|被开除|被裁)|离职了|辞职了|被(?:公司|老板|单位)?(?:无故|违法)?(?:辞退|开除|炒|裁|解雇|劝退)|把我(?:辞退|开除|解雇|炒|裁)|no longer (?:work|employed)|(?:was|got|been) (?:fired|dismissed|laid off)|i (?:left|quit|resigned)/i,
    /还在(?:上班|职|公司|干|做|厂)|目前在职|现在在职|一直在职|still (?:working|employed)|still work (?:there|here|for)/i,
  );
  if (employed !== undefined) facts.stillEmployed = employed;
  const timeOff = yesNo(
    text,
    /(?:没|没有|不给|未|不|没法|无法|不能|没办法)(?:给我|给我们|给|安排){0,2}(?:补休|调休)|no (?:compensatory |comp )?(?:time|day|days) off|(?:didn'?t|did not|never|not) (?:give|gave|arrange|offer|get|got)\s+(?:me\s+|us\s+)?(?:any\s+)?(?:compensatory |comp )?(?:time off|days? off|rest days?)/i,
    /(?:安排了?|给了?|给(?:我|我们)|有|可以)(?:补休|调休)|(?:补休|调休)了|(?:time|days?) off in lieu|got time off|gave (?:me|us) (?:\w+ )?(?:days?|time) off/i,
  );
  if (timeOff !== undefined) facts.restDayTimeOff = timeOff;
  const arranged = yesNo(
    text,
    /(?:没|没有|不|未|没法|无法|没办法|不能|难以)(?:给我|帮我|为我)?安排(?:我)?(?:适当|合适|其他|别的)?(?:的)?(?:工作|岗位)|不给(?:我)?安排|安排不(?:了|出)|没有(?:适当|合适)的(?:工作|岗位)|(?:can'?t|cannot|unable to|could not|couldn'?t|won'?t|did not|didn'?t) (?:arrange|find|offer|give)(?: me| us| him| her| them)? (?:any )?suitable|no suitable (?:work|job|post)/i,
    /安排了?(?:我)?(?:适当|合适|其他|别的|轻松)(?:的)?(?:工作|岗位)|(?:arranged|offered|gave me) (?:a )?suitable (?:work|job|post)/i,
  );
  if (arranged !== undefined) facts.suitableWorkArranged = arranged;
  // 一次性伤残补助金多少钱: suitable work changes only the monthly allowance, so it is not asked.
  if (
    /一次性伤残补助|one-?off (?:disability )?(?:subsidy|grant|payment|lump)|lump[- ]sum disability/i.test(text) &&
    !/津贴|按月领|每月领|每月能|allowance|monthly (?:allowance|payment|benefit)/i.test(text)
  )
    facts.oneOffOnly = true;
  return facts;
}

/** Facts about the situation rather than figures of money or time. */
export function situationFacts(text: string): Facts {
  return { ...birthFacts(text), ...contractFacts(text), ...workFacts(text), ...leaveFacts(text) };
}
