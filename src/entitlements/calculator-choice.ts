/**
 * The calculator a question asks about, from its words: 经济补偿 → severance, 赔偿金 / 不想回去 →
 * unlawful_termination, 代通知金 / 没提前30天通知 → notice_pay, 仲裁…最晚 → arbitration_deadline, and so on,
 * in zh and en. The sentences that ask (ending in ？/?) are read first, then the whole text, so "with 30
 * days' written notice … How much economic compensation?" asks for severance. When the words name
 * none, the candidates decide (the calculators of the issue cards the question matched, best first).
 *
 * @example
 *   chooseCalculator('代通知金和补偿金分别是多少？', [])         // → 'notice_pay'
 *   chooseCalculator('公司把我辞退了，我不打算回去，可以拿多少？', []) // → 'unlawful_termination'
 *   chooseCalculator('我该怎么办？', ['severance'])               // → 'severance'
 */
import { normalise } from './fact-extraction.js';
import type { CalculatorName } from './types.js';

type Rule = [CalculatorName, (text: string) => boolean];
const has = (re: RegExp) => (t: string) => re.test(t);

// 工伤赔偿 asks for injury benefits: 赔偿 names unlawful-dismissal damages only away from an injury.
const injuryWords = /工伤|伤残|disabilit|injur/i;
const unlawfulWords =
  /违法(?:解除|辞退|开除|终止)|无故(?:辞退|开除|解雇|把我)|无缘无故|没有(?:任何)?(?:理由|原因)[^。？?]{0,6}(?:辞退|开除|解雇)|不想(?:再)?回|不打算(?:再)?回|不愿(?:意)?(?:再)?回|不回去|2N|[二两]倍(?:的)?(?:经济)?补偿|(?:unlawful|illegal|wrongful|unfair)(?:ly)? (?:dismiss|terminat|fir)|(?:dismiss|fir|terminat)\w* (?:me )?(?:unlawfully|illegally|wrongfully|unfairly)|(?:don'?t|do not|won'?t|will not) (?:want (?:to )?)?(?:go back|return)|not (?:going back|returning)|(?:don'?t|do not) want (?:to be )?reinstat|without (?:any )?(?:lawful|legal) (?:reason|ground)|no legal ground|no (?:legal |lawful )?reason (?:in law|at all|given)|(?:didn'?t|did not|never) (?:break|violate) any (?:rule|rules)|(?:dismiss\w*|firing|terminat\w*) (?:was|is|as|had been) (?:ruled )?(?:unlawful|illegal|wrongful)|instead of (?:going back|returning|reinstatement|being reinstated)|(?:医疗期|孕期|怀孕期间|怀孕了|哺乳期|产假期间|工伤(?:期间)?|停工留薪期)[^。？?]{0,12}(?:被)?(?:辞退|开除|解除|解雇|炒)|(?:dismiss\w*|fired|terminat\w*|let go)[^.?]{0,30}\b(?:while|during|within)\b[^.?]{0,20}\b(?:medical (?:treatment )?period|pregnan\w*|maternity leave|sick leave|nursing period|work injury)/i;
const leaveWords = /年假|年休假|annual[- ]leave|untaken (?:leave )?days|unused (?:annual )?leave|leave days/i;
const moneyWords =
  /应休未休|年(?:休)?假(?:的)?(?:工资|报酬)|多少钱|补(?:我|给我)?多少|补(?:我|给我)?(?:几天、)?多少钱|工资报酬|折算成钱|how much|\bow(?:es?|ed|ing)\b|pay me|paid for|compensat/i;

const deadlineWords =
  /仲裁[^。？?]{0,20}(?:时效|截止|最晚|最后一天|哪天|哪一天|期限)|(?:时效|截止|最晚|最后一天|哪天|哪一天)[^。？?]{0,20}仲裁|最晚(?:哪|什么时候|要在|在哪)|最后一天是哪|arbitration[^.?]{0,40}(?:deadline|last day|latest (?:date|day)|by when|time limit|what date|how long)|(?:deadline|last day|latest (?:date|day)|by what date|what date|by when|time limit|how long do i have)[^.?]{0,40}arbitrat|limitation period/i;

// In order: a rule earlier in the list wins when both match. 仲裁 … 违法解除 … 最晚哪天 asks for the
// date, not the damages; "fired without notice, I won't go back" is an unlawful dismissal (2N replaces
// N, and notice pay belongs to a lawful dismissal under art. 40); 代通知金和经济补偿 is notice pay, whose
// result carries the severance too.
const rules: Rule[] = [
  [
    'arbitration_deadline',
    // 产假…最后一天是哪天 asks when the leave ends, unless arbitration is named.
    (t) => deadlineWords.test(t) && (!/产假|maternity/i.test(t) || /仲裁|arbitrat/i.test(t)),
  ],
  ['unlawful_termination', (t) => (/赔偿|damages/i.test(t) && !injuryWords.test(t)) || unlawfulWords.test(t)],
  [
    'notice_pay',
    has(
      /代通知金|in lieu of notice|notice pay|extra month['’]?s?['’]? (?:pay|wage|salary)|(?:gave|given|give|with) (?:me )?no (?:written )?notice|without (?:any )?notice|多(?:给|付|发|拿)的?(?:我)?(?:那)?(?:一|1)个月(?:的)?(?:工资|薪水)?|额外[^。？?]{0,8}(?:一个月(?:的)?工资|多付)|N\s*\+\s*1|(?:没|不|未)(?:有)?(?:按规定)?提前(?:30|三十|一个月|1个月)(?:天|日)?[^。？?]{0,6}通知|without (?:giving )?(?:30|thirty)[- ]days?'? (?:written )?notice|no 30-day notice/i,
    ),
  ],
  [
    'double_wage_no_contract',
    has(
      /[双二两]倍工资|double[- ]wages?|double pay|(?:没|未)签[^。？?]{0,6}合同[^。？?，,]{0,8}(?:多少|赔|补(?!偿))|(?:不签|没签|未签)[^。？?]{0,10}合同[^。？?]{0,16}(?:双倍|两倍|二倍)|without (?:a |any )?(?:written )?contract|no written (?:labou?r )?contract|because (?:of )?(?:there was )?no (?:written )?contract|never signed (?:a |any )?(?:written )?contract/i,
    ),
  ],
  ['unused_annual_leave_pay', (t) => leaveWords.test(t) && moneyWords.test(t)],
  ['annual_leave_days', has(/年假|年休假|annual[- ]leave|paid leave/i)],
  [
    'overtime_pay',
    has(
      /加班费|加班工资|加班的?钱|overtime (?:pay|money|wages?|salary|payment|compensation|rate)|pay for (?:the |my |this |that )?overtime|(?:paid|pay me|owe me) for (?:the |my )?(?:\d+ hours of )?overtime/i,
    ),
  ],
  [
    'probation',
    has(
      /试用期[^。]{0,14}(?:最长|多久|几个月|多长|工资|合法|上限)|(?:能|可以)(?:约定)?试用期吗|试用期(?:可以|能)(?:约定|定)|(?:最长|最多)[^。？?]{0,8}试用期|probation[^.]{0,30}(?:pay|wage|how long|maximum|longest|lawful)|(?:set|have|agree on|impose)\s+(?:a\s+)?probation|(?:maximum|longest|how long)[^.?]{0,30}probation/i,
    ),
  ],
  ['maternity_leave', has(/产假|流产|小产|生育假|maternity|miscarr/i)],
  ['injury_disability', has(/伤残|工伤|几级|disability|work injury|injured at work/i)],
  ['severance', has(/经济补偿|补偿金|补偿|遣散费|severance|compensation/i)],
];

// Words that name a figure only to say it is left out: （不含加班费）, "excluding overtime".
const asides =
  /[（(]?(?:不含|不包括|剔除|扣除)加班(?:费|工资)[）)]?|其中[^，。；]{0,12}加班(?:费|工资)|excluding overtime(?: pay)?|overtime excluded/gi;

/** The sentences that ask: those ending in a question mark, else the last one. */
function askingPart(text: string): string {
  const sentences = text
    .split(/(?<=[。！？!?；;\n])|(?<=\.)\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const asking = sentences.filter((s) => /[？?]$/.test(s));
  return (asking.length ? asking : sentences.slice(-1)).join(' ');
}

function byWords(text: string): CalculatorName | undefined {
  return rules.find(([, test]) => test(text))?.[0];
}

/**
 * The calculator the question asks about: its own words first, then the best candidate, else none.
 * @example
 *   chooseCalculator('How much pay in lieu of notice, and how much severance?', []) // → 'notice_pay'
 */
export function chooseCalculator(text: string, candidates: readonly CalculatorName[] = []): CalculatorName | undefined {
  const t = normalise(text).replace(asides, ' ');
  const asked = byWords(askingPart(t));
  const whole = byWords(t);
  // "How much compensation?" after "unlawfully dismissed" / "没提前30天通知" asks for those figures.
  if (asked === 'severance' && (whole === 'unlawful_termination' || whole === 'notice_pay')) return whole;
  return asked ?? whole ?? candidates[0];
}
