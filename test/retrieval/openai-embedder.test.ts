import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEmbedder, EmbedderError } from '../../src/llm/embedder.js';
import { type FakeEmbeddings, fakeVector, startFakeEmbeddings } from '../fakes/fake-openai-embeddings.js';

describe('OpenAI-compatible embedder against a local fake /v1/embeddings', () => {
  let fake: FakeEmbeddings;
  beforeAll(async () => {
    fake = await startFakeEmbeddings();
  });
  afterAll(() => fake.close());

  const config = (extra: Record<string, string> = {}) =>
    loadConfig({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test-key-123', EMBEDDING_MODEL: 'fake-embed', ...extra });

  it('batches, keeps input order, sends model, key and dimensions', async () => {
    fake.requests.length = 0;
    const embedder = createEmbedder(config({ EMBEDDING_DIMENSIONS: '16' }), { batchSize: 2 });
    expect(embedder.id).toBe('openai:fake-embed');
    const texts = ['加班费', '年休假', 'overtime', '工伤'];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => fakeVector(t, 16)));
    expect(embedder.dimensions).toBe(16);
    expect(fake.requests.map((r) => r.input)).toEqual([
      ['加班费', '年休假'],
      ['overtime', '工伤'],
    ]);
    expect(fake.requests[0]).toMatchObject({ model: 'fake-embed', dimensions: 16, authorization: 'Bearer sk-test-key-123' });
  });

  it('learns the dimension from the first answer when none is configured', async () => {
    const embedder = createEmbedder(config());
    expect(embedder.dimensions).toBe(0);
    await embedder.embed(['x']);
    expect(embedder.dimensions).toBe(8);
  });

  it('fails with a typed error that names the model, never the key or the texts', async () => {
    fake.failWith = 400;
    const embedder = createEmbedder(config());
    try {
      await embedder.embed(['我的身份证号是什么']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EmbedderError);
      expect((error as EmbedderError).code).toBe('request');
      expect((error as Error).message).toMatch(/HTTP 400 for model fake-embed/);
      expect((error as Error).message).not.toContain('sk-test-key-123');
      expect((error as Error).message).not.toContain('身份证');
    } finally {
      fake.failWith = 0;
    }
  });
});
