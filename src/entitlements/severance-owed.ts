/**
 * Whether economic compensation N is owed when a job ends, by how it ended (劳动合同法 46, with 36–44),
 * and when twice N is owed instead (48, 87).
 *
 * @example
 *   severanceOwed({ reason: 'resigned' }).figures.owed      // → 'none'
 *   severanceOwed({ reason: 'dismissed_no_fault' }).figures // → { owed: 'severance', noticePay: true }
 */
import { z } from 'zod';
import { cite } from './statutes.js';
import { type Entitlement, type LegalBasis, type Text, text } from './types.js';

type Owed = 'severance' | 'none' | 'double_severance';

interface ReasonRule {
  label: Text;
  owed: Owed;
  noticePay?: boolean;
  why: Text;
  basis: LegalBasis[];
}

// Order matters: it is the order of the choice buttons.
const reasons = {
  resigned: {
    label: text('我自己主动辞职', 'I resigned of my own accord'),
    owed: 'none',
    why: text(
      '劳动者提前三十日书面通知辞职、公司没有过错的，公司不支付经济补偿。',
      "Resigning with 30 days' written notice when the employer is not at fault gives no compensation.",
    ),
    basis: cite('labourContract', 37, 46),
  },
  resigned_employer_fault: {
    label: text('公司欠薪、不交社保等，我因此辞职', 'I resigned because the employer failed me (unpaid wages, no social insurance …)'),
    owed: 'severance',
    why: text(
      '公司未及时足额支付劳动报酬、未依法缴纳社会保险费等，你依照第三十八条解除合同的，公司应支付经济补偿。',
      'Resigning under art. 38 because the employer did not pay wages in full and on time, did not pay social insurance, etc. entitles you to compensation.',
    ),
    basis: cite('labourContract', 38, 46),
  },
  mutual_employer_proposed: {
    label: text('公司提出、双方协商解除', 'The employer proposed ending it and we agreed'),
    owed: 'severance',
    why: text(
      '公司提出解除并与你协商一致的，应支付经济补偿。',
      'When the employer proposes ending the contract and you agree, compensation is owed.',
    ),
    basis: cite('labourContract', 36, 46),
  },
  mutual_worker_proposed: {
    label: text('我提出、双方协商解除', 'I proposed ending it and we agreed'),
    owed: 'none',
    why: text(
      '由你提出、双方协商一致解除的，法律不要求公司支付经济补偿（协议另有约定的除外）。',
      'When you proposed it and both agreed, the law does not require compensation (unless the agreement grants it).',
    ),
    basis: cite('labourContract', 36, 46),
  },
  dismissed_misconduct: {
    label: text('公司说我严重违纪、严重失职等把我开除', 'Dismissed for serious misconduct or negligence'),
    owed: 'none',
    why: text(
      '因严重违反规章制度、严重失职、试用期不符合录用条件等第三十九条的情形被解除的，没有经济补偿；但公司要能证明，证明不了就是违法解除，应付二倍的赔偿金。',
      'Dismissal under art. 39 (serious breach of rules, gross negligence, failing probation …) gives no compensation, but the employer must prove it; if it cannot, the dismissal is unlawful and twice N is owed.',
    ),
    basis: cite('labourContract', 39, 87),
  },
  dismissed_no_fault: {
    label: text(
      '公司以生病医疗期满、不能胜任、情况变化为由辞退',
      'Dismissed for illness after the medical period, incompetence or changed circumstances',
    ),
    owed: 'severance',
    noticePay: true,
    why: text(
      '依照第四十条解除的，应支付经济补偿；没有提前三十日书面通知的，还要额外支付一个月工资。',
      "A dismissal under art. 40 owes compensation, and one extra month's wage when 30 days' written notice was not given.",
    ),
    basis: cite('labourContract', 40, 46),
  },
  layoff: {
    label: text('公司裁员', 'Laid off in a redundancy'),
    owed: 'severance',
    why: text('依照第四十一条经济性裁员的，应支付经济补偿。', 'A redundancy under art. 41 owes compensation.'),
    basis: cite('labourContract', 41, 46),
  },
  contract_expired: {
    label: text('合同到期，公司不续签', 'The fixed term ended and the employer did not renew'),
    owed: 'severance',
    why: text(
      '固定期限合同到期终止的，应支付经济补偿；只有公司维持或者提高条件续订而你不同意的除外。',
      'A fixed-term contract ending owes compensation, unless the employer offered renewal on the same or better terms and you refused.',
    ),
    basis: cite('labourContract', 44, 46),
  },
  contract_expired_refused_renewal: {
    label: text('合同到期，公司按不低于原条件续签，我不愿意', 'The term ended; I refused a renewal on the same or better terms'),
    owed: 'none',
    why: text(
      '公司维持或者提高劳动合同约定条件续订、你不同意续订的，没有经济补偿。',
      'Refusing a renewal on the same or better terms gives no compensation.',
    ),
    basis: cite('labourContract', 44, 46),
  },
  employer_closed: {
    label: text('公司破产、被吊销执照、关闭或解散', 'The employer went bankrupt, lost its licence, closed or dissolved'),
    owed: 'severance',
    why: text(
      '用人单位被宣告破产、被吊销营业执照、责令关闭、撤销或决定提前解散而终止合同的，应支付经济补偿。',
      'A contract ended by bankruptcy, revoked licence, closure or dissolution owes compensation.',
    ),
    basis: cite('labourContract', 44, 46),
  },
  retired: {
    label: text('我开始领养老金（退休）', 'I started drawing my basic pension'),
    owed: 'none',
    why: text(
      '劳动者开始依法享受基本养老保险待遇的，劳动合同终止，没有经济补偿。',
      'The contract ends when you start drawing the basic pension; no compensation.',
    ),
    basis: cite('labourContract', 44, 46),
  },
  unlawful_dismissal: {
    label: text('公司没有合法理由把我辞退', 'Dismissed without a lawful reason'),
    owed: 'double_severance',
    why: text(
      '公司违法解除或终止合同、你不要求继续履行的，应按经济补偿标准的二倍支付赔偿金（代替经济补偿）。',
      'An unlawful dismissal owes damages of twice N (instead of N) if you do not ask to keep the job.',
    ),
    basis: cite('labourContract', 48, 87),
  },
} satisfies Record<string, ReasonRule>;

export type TerminationReason = keyof typeof reasons;
export const terminationReasons = Object.keys(reasons) as [TerminationReason, ...TerminationReason[]];

/** The reasons as choices for buttons, in a sensible order. */
export const terminationReasonChoices = terminationReasons.map((value) => ({ value, label: reasons[value].label }));

export const severanceOwedInput = z.object({ reason: z.enum(terminationReasons).describe('How the job ended') }).strict();
export type SeveranceOwedInput = z.infer<typeof severanceOwedInput>;

export type SeveranceOwedFigures = { owed: Owed; noticePay: boolean };

/**
 * Says whether N, nothing, or twice N is owed for the way the job ended.
 * @example
 *   severanceOwed({ reason: 'layoff' }).figures // → { owed: 'severance', noticePay: false }
 */
export function severanceOwed({ reason }: SeveranceOwedInput): Entitlement<SeveranceOwedFigures> {
  const rule: ReasonRule = reasons[reason];
  return {
    calculator: 'severance_owed',
    figures: { owed: rule.owed, noticePay: rule.noticePay ?? false },
    working: [rule.why],
    assumptions: [
      text(
        '是否属于这种情形，最终要看证据（通知书、聊天记录、工资条等）；公司说的理由和实际不一致时，以能证明的为准。',
        "Which case applies turns on the evidence (the notice, messages, pay slips); where the employer's stated reason differs from what happened, what can be proved counts.",
      ),
    ],
    basis: rule.basis,
    unsetLocalFigures: [],
  };
}
