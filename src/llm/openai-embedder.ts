/**
 * Embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Qwen, Ollama, vLLM …) through
 * the `openai` SDK, in batches. The dimension is learned from the first answer unless configured.
 */
import OpenAI from 'openai';
import { type Embedder, EmbedderError } from './embedder.js';

export interface OpenAiEmbedderOptions {
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Ask the endpoint for this many dimensions (models that support it); otherwise the model's own. */
  dimensions?: number;
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof globalThis.fetch;
}

export function createOpenAiEmbedder({
  baseURL,
  apiKey,
  model,
  dimensions,
  batchSize = 64,
  timeoutMs = 30_000,
  maxRetries = 2,
  fetch,
}: OpenAiEmbedderOptions): Embedder & { readonly dimensions: number } {
  const client = new OpenAI({ baseURL, apiKey, timeout: timeoutMs, maxRetries, ...(fetch ? { fetch } : {}) });
  let learned = dimensions ?? 0;
  return {
    get id() {
      return `openai:${model}`;
    },
    get dimensions() {
      return learned;
    },
    async embed(texts: string[]) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => t || ' ');
        let response: OpenAI.CreateEmbeddingResponse;
        try {
          response = await client.embeddings.create({
            model,
            input: batch,
            ...(dimensions ? { dimensions } : {}),
            encoding_format: 'float',
          });
        } catch (error) {
          const status = (error as { status?: number }).status;
          throw new EmbedderError(
            `The embeddings endpoint failed${status ? ` with HTTP ${status}` : ''} for model ${model}: check OPENAI_BASE_URL, OPENAI_API_KEY and EMBEDDING_MODEL`,
            'request',
            { cause: error },
          );
        }
        const rows = [...(response.data ?? [])].sort((a, b) => a.index - b.index);
        if (rows.length !== batch.length) {
          throw new EmbedderError(`The embeddings endpoint returned ${rows.length} vectors for ${batch.length} texts`, 'response');
        }
        for (const row of rows) {
          const v = row.embedding as unknown as number[];
          if (!Array.isArray(v) || !v.length) throw new EmbedderError('The embeddings endpoint returned an empty vector', 'response');
          if (!learned) learned = v.length;
          if (v.length !== learned) {
            throw new EmbedderError(`The embeddings endpoint returned ${v.length} dimensions, expected ${learned}`, 'response');
          }
          out.push(v);
        }
      }
      return out;
    },
  };
}
