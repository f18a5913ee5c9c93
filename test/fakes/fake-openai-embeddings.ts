/**
 * A tiny OpenAI-compatible `/v1/embeddings` server on 127.0.0.1 (port 0) for tests: deterministic vectors
 * from the text, `dimensions` honoured, and failure modes to switch on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEmbeddings {
  baseURL: string;
  requests: { model: string; input: string[]; dimensions?: number; authorization?: string }[];
  /** Next responses fail with this HTTP status (0 = succeed). */
  failWith: number;
  close(): Promise<void>;
}

export function fakeVector(text: string, dims: number): number[] {
  const v = Array.from({ length: dims }, (_, i) => Math.sin((text.charCodeAt(i % Math.max(1, text.length)) || 1) * (i + 1)));
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

export async function startFakeEmbeddings({ defaultDims = 8 } = {}): Promise<FakeEmbeddings> {
  const state: FakeEmbeddings = { baseURL: '', requests: [], failWith: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body) as { model: string; input: string | string[]; dimensions?: number };
      const input = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
      state.requests.push({ model: parsed.model, input, dimensions: parsed.dimensions, authorization: req.headers.authorization });
      if (state.failWith) {
        res.writeHead(state.failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
        return;
      }
      const dims = parsed.dimensions ?? defaultDims;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          model: parsed.model,
          // Out of order on purpose: clients must sort by index.
          data: input.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t, dims) })).reverse(),
          usage: { prompt_tokens: input.length, total_tokens: input.length },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
