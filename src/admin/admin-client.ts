/**
 * The CLI's side of the admin endpoint: asks the running service to re-index (and streams its progress),
 * list sources, roll back, list or retry dead letters. Used when the embedded data directory belongs to the
 * running service.
 *
 * @example
 *   const client = createAdminClient({ baseUrl: 'http://127.0.0.1:3000/admin', token });
 *   const summary = await client.reindex((event) => bar.update(event), { dryRun: true });
 */
import type { ListeningReport } from '../insights/listening-report.js';
import type { AdminPort, ReindexOptions } from './admin-port.js';
import type { ReindexEvent, ReindexSummary } from './reindex-report.js';

/** The service could not be asked (not listening, wrong token, refused). `status` is the HTTP status if any. */
export class AdminClientError extends Error {
  override name = 'AdminClientError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type NdjsonLine = { event: ReindexEvent } | { summary: ReindexSummary; text: string } | { error: string };

export interface AdminClientOptions {
  /** e.g. http://127.0.0.1:3000/admin */
  baseUrl: string;
  token: string;
  fetch?: typeof globalThis.fetch;
}

/** The admin port's text answers, asked over HTTP; the re-index streams structured progress. */
export interface AdminClient extends Omit<AdminPort, 'reindex'> {
  listeningReport(days: number): Promise<ListeningReport>;
  reindex(onEvent: (event: ReindexEvent) => void, options?: ReindexOptions): Promise<{ summary: ReindexSummary; text: string }>;
}

export function createAdminClient({ baseUrl, token, fetch = globalThis.fetch }: AdminClientOptions): AdminClient {
  const call = async (method: string, path: string): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new AdminClientError(`the service's admin endpoint ${baseUrl} did not answer (${cause})`, undefined, { cause: error });
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      throw new AdminClientError(body.error ?? `the admin endpoint answered HTTP ${res.status}`, res.status);
    }
    return res;
  };
  const text = async (method: string, path: string) => ((await (await call(method, path)).json()) as { text: string }).text;

  return {
    sources: () => text('GET', '/sources'),
    rollback: () => text('POST', '/rollback'),
    deadLetters: () => text('GET', '/outbox'),
    listeningReport: async (days) => ((await (await call('GET', `/report?days=${days}`)).json()) as { report: ListeningReport }).report,
    retryDeadLetters: (which) => text('POST', `/outbox/retry?${which === 'all' ? 'all=1' : `id=${which}`}`),
    async reindex(
      onEvent: (event: ReindexEvent) => void,
      { dryRun = false, full = false }: ReindexOptions = {},
    ): Promise<{ summary: ReindexSummary; text: string }> {
      const query = new URLSearchParams({ ...(dryRun ? { dryRun: '1' } : {}), ...(full ? { full: '1' } : {}) }).toString();
      const res = await call('POST', `/reindex${query ? `?${query}` : ''}`);
      let result: { summary: ReindexSummary; text: string } | undefined;
      for await (const line of ndjsonLines(res)) {
        if ('event' in line) onEvent(line.event);
        else if ('error' in line) throw new AdminClientError(`the service's re-index failed: ${line.error}`, 500);
        else result = line;
      }
      if (!result) throw new AdminClientError('the service closed the re-index stream before the summary (did it stop?)');
      return result;
    },
  };
}

async function* ndjsonLines(res: Response): AsyncGenerator<NdjsonLine> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as NdjsonLine;
    }
  }
  if (buffer.trim()) yield JSON.parse(buffer) as NdjsonLine;
}
