/**
 * Masks personal data in free text: mainland ID-card numbers, bank-card numbers, phone numbers and e-mail
 * addresses. Used before text goes to an LLM and in every log line. Staff see the worker's words with only
 * the card numbers masked (`maskCardNumbers`): they may need the phone number to call back.
 *
 * @example
 *   maskPersonalData('我的电话13812345678') // → '我的电话138****5678'
 *   maskCardNumbers('身份证110101199003071234') // → '身份证110***********1234'
 */
type Pattern = [RegExp, (m: string) => string];

const cardNumbers: Pattern[] = [
  // ID card: 17 digits + digit/X (18) — before bank cards, which it would otherwise match.
  [
    /(?<![\dA-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g,
    (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`,
  ],
  // Bank card: 16–19 digits, optionally grouped by spaces or dashes.
  [/(?<!\d)\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)/g, (m) => `****${m.replace(/\D/g, '').slice(-4)}`],
];

const patterns: Pattern[] = [
  ...cardNumbers,
  // Mainland mobile, with optional +86 / 86 prefix and separators.
  [
    /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g,
    (m) => {
      const d = m.replace(/\D/g, '').slice(-11);
      return `${d.slice(0, 3)}****${d.slice(-4)}`;
    },
  ],
  // Landline with area code: 0xx-xxxxxxxx.
  [/(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g, (m) => `${m.slice(0, 4)}****${m.slice(-2)}`],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (m) => `${m[0]}***@${m.split('@')[1]}`],
];

function mask(text: string, with_: Pattern[]): string {
  let out = text;
  for (const [re, replace] of with_) out = out.replace(re, replace);
  return out;
}

export function maskPersonalData(text: string): string {
  return mask(text, patterns);
}

/** ID-card and bank-card numbers only, down to their last four digits: what a staff card shows of them. */
export function maskCardNumbers(text: string): string {
  return mask(text, cardNumbers);
}

/**
 * A failure as a row keeps it (outbox.last_error, inbound_messages.error): its kind — the SQLSTATE of a
 * database error, else the error's name — and its message, masked and cut to `max` characters.
 */
export function failureReason(error: unknown, max = 300): string {
  const e = error as { name?: string; code?: unknown; message?: string } | null;
  const kind = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : (e?.name ?? 'Error');
  return maskPersonalData(`${kind}: ${e?.message ?? String(error)}`).slice(0, max);
}

/** True when the text holds something `maskPersonalData` would mask. */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
