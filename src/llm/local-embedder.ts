/**
 * The offline embedder: feature-hashed TF-IDF over jieba words and CJK character bigrams, L2-normalised.
 * No network, no weights, deterministic. Its IDF table is fitted on the corpus at index time and stored
 * with the index version (see CorpusFittedEmbedder), so a restart or another replica embeds queries with
 * exactly the statistics the passages were embedded with.
 *
 * Why both words and bigrams: words carry the statute vocabulary; bigrams keep a one-character typo
 * (工商保险 for 工伤保险) and unsegmented lay phrasing close to the right passages.
 *
 * @example
 *   const base = createLocalEmbedder();
 *   const { embedder, state } = await base.fit(passageTexts);
 *   const same = base.restore(state); // identical vectors in another process
 */

import { yieldToEventLoop } from '../event-loop.js';
import { cjkBigrams, countTerms, tokenize } from '../text/tokenizer.js';
import { type CorpusFittedEmbedder, type Embedder, EmbedderError } from './embedder.js';

export interface LocalEmbedderOptions {
  /** Hash buckets = vector dimensions (default 1024; HNSW allows up to 2000). */
  dimensions?: number;
  /** Weight of character bigrams relative to words (default 0.5). */
  bigramWeight?: number;
}

interface IdfState {
  design: string;
  n: number;
  df: Record<string, number>;
}

const DESIGN = 'local-tfidf-v1';

function features(text: string, bigramWeight: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [t, c] of countTerms(tokenize(text))) out.set(`w${t}`, 1 + Math.log(c));
  if (bigramWeight > 0) {
    for (const [t, c] of countTerms(cjkBigrams(text))) out.set(`b${t}`, bigramWeight * (1 + Math.log(c)));
  }
  return out;
}

/** FNV-1a, 32 bit: stable across processes and platforms, unlike anything seeded. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function storedState(state: unknown): IdfState {
  const s = state as Partial<IdfState> | null;
  if (!s || s.design !== DESIGN || typeof s.n !== 'number' || typeof s.df !== 'object' || !s.df) {
    throw new EmbedderError(`The stored state of the local embedder is not ${DESIGN}: run npm run reindex`, 'state');
  }
  return s as IdfState;
}

/** Texts embedded (or counted for the IDF table) between two turns of the event loop: tens of milliseconds. */
const TURN_EVERY = 64;

export function createLocalEmbedder({ dimensions = 1024, bigramWeight = 0.5 }: LocalEmbedderOptions = {}): CorpusFittedEmbedder {
  const id = `${DESIGN}:${dimensions}:b${bigramWeight}`;

  const vectorize = (text: string, idf: (key: string) => number): Float32Array => {
    const v = new Float32Array(dimensions);
    for (const [key, tf] of features(text, bigramWeight)) {
      const w = idf(key);
      if (!w) continue;
      const h = fnv1a(key);
      // The sign bit halves the bias that colliding features add to each other.
      v[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * tf * w;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  };

  const fitted = (state: IdfState): Embedder => {
    const { n } = state;
    // A Map, not the stored object: tens of thousands of keys make an object a slow dictionary to look up.
    const df = new Map(Object.entries(state.df));
    // Words never seen in the corpus get no weight: they can only add collision noise.
    const idf = (key: string) => {
      const d = df.get(key);
      return d ? Math.log((n + 1) / (d + 0.5)) : 0;
    };
    return { id, dimensions, embed: (texts) => vectorizeAll(texts, idf) };
  };

  /** Vectors for many texts, taking turns with the event loop: a re-index runs beside the service. */
  const vectorizeAll = async (texts: string[], idf: (key: string) => number): Promise<Float32Array[]> => {
    const out: Float32Array[] = [];
    for (const text of texts) {
      out.push(vectorize(text, idf));
      if (out.length % TURN_EVERY === 0) await yieldToEventLoop();
    }
    await yieldToEventLoop();
    return out;
  };

  return {
    id,
    dimensions,
    // Before fitting (no index yet) every known feature weighs the same: usable, just less sharp.
    embed: (texts) => vectorizeAll(texts, () => 1),
    async fit(corpus) {
      const df: Record<string, number> = {};
      for (const [i, text] of corpus.entries()) {
        for (const key of features(text, bigramWeight).keys()) df[key] = (df[key] ?? 0) + 1;
        if (i % TURN_EVERY === TURN_EVERY - 1) await yieldToEventLoop();
      }
      const state: IdfState = { design: DESIGN, n: corpus.length, df };
      return { embedder: fitted(state), state };
    },
    extend(state, corpus) {
      const s = storedState(state);
      // Only features the stored table has never seen are added: old passages do not contain them, so their
      // stored vectors are unchanged by the extension.
      const added: Record<string, number> = {};
      for (const text of corpus)
        for (const key of features(text, bigramWeight).keys()) if (!(key in s.df)) added[key] = (added[key] ?? 0) + 1;
      const next: IdfState = { ...s, df: { ...s.df, ...added } };
      return { embedder: fitted(next), state: next };
    },
    restore(state) {
      return fitted(storedState(state));
    },
  };
}
