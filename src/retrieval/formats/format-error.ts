/**
 * A knowledge file could not be read: the re-index reports it by path and reason, skips it, and indexes the
 * rest. `reason` is safe to show to an admin (no document text).
 *
 * @example
 *   throw new FormatError('policy/wages.pdf', 'no text layer (scanned PDF?) — OCR it or supply a .docx');
 */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${reason}`, options);
  }
}
