/**
 * Whether a document may be used in answers. Front matter (or a sidecar) marks a document that no longer
 * applies: `repealed: true`, or `superseded_by: "…"` naming what replaced it. Such a document stays in the
 * index history (sources lists it) but its passages leave answers.
 *
 * @example
 *   isInForce({ title: '某省工资支付条例', superseded_by: '某省工资支付条例（2025）' }) // false
 */
export function isInForce(meta: Record<string, unknown>): boolean {
  return !(meta['repealed'] === true || meta['repealed'] === 'true' || supersededBy(meta));
}

export function supersededBy(meta: Record<string, unknown>): string | undefined {
  const value = meta['superseded_by'];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A short status for listings: 'in force', 'repealed', 'superseded by …'. */
export function documentStatus(meta: Record<string, unknown>): string {
  const by = supersededBy(meta);
  if (by) return `superseded by ${by}`;
  return isInForce(meta) ? 'in force' : 'repealed';
}
