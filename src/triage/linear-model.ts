/**
 * A multinomial logistic regression over sparse binary features: small, deterministic, trained in
 * seconds at index time, and stored with the index version. Training uses AdaGrad with L2, a fixed
 * number of epochs and a seeded shuffle, so the same lines always give the same model; classes are
 * weighted by the inverse square root of their size so that rare danger classes are not drowned by the
 * many ordinary questions.
 *
 * @example
 *   const model = trainLinearModel(examples.map((e) => ({ features: featuresOf(e.text), label: e.label })));
 *   predict(model, featuresOf('工友触电倒地')) // → [{ label: 'urgent:electricity', p: 0.93 }, …]
 */

export interface Example {
  features: readonly string[];
  label: string;
  /** Extra weight for this example (default 1). */
  weight?: number;
}

export interface LinearModel {
  labels: string[];
  /** Feature → row index into `weights` (rows of `labels.length` values). */
  features: Map<string, number>;
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Features seen in fewer examples are dropped (noise, and model size). */
  minCount?: number;
  seed?: number;
  /** Models trained on as many shuffles (seed, seed + 1, …) and averaged into one. */
  shuffles?: number;
}

/** A small seeded PRNG (mulberry32): the same seed, the same shuffle, on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainLinearModel(
  examples: readonly Example[],
  { epochs = 12, learningRate = 0.3, l2 = 1e-5, minCount = 1, seed = 7, shuffles = 1 }: TrainOptions = {},
): LinearModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = new Map<string, number>();
  for (const [f, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= minCount) features.set(f, features.size);
  const L = labels.length;
  const classSize = new Map<string, number>();
  for (const e of examples) classSize.set(e.label, (classSize.get(e.label) ?? 0) + 1);
  const largest = Math.max(...classSize.values());
  const classWeight = (label: string) => Math.sqrt(largest / classSize.get(label)!);

  const rows = examples.map((e) => ({
    x: [...new Set(e.features)].map((f) => features.get(f)).filter((i): i is number => i !== undefined),
    y: labelIndex.get(e.label)!,
    w: (e.weight ?? 1) * classWeight(e.label),
  }));
  // AdaGrad's steps shrink as it goes, so the examples that come first shape the model most, and one shuffle
  // gives borderline messages another side than the next: the model is the mean of `shuffles` models trained
  // on different shuffles (one model's size and speed; its weights do not hang on one order).
  const weights = new Float32Array(features.size * L);
  const bias = new Float32Array(L);
  for (let s = 0; s < shuffles; s++) {
    const one = trainOnce(rows, features.size, L, { epochs, learningRate, l2, seed: seed + s });
    for (let i = 0; i < weights.length; i++) weights[i]! += one.weights[i]! / shuffles;
    for (let k = 0; k < L; k++) bias[k]! += one.bias[k]! / shuffles;
  }
  return { labels, features, weights, bias };
}

function trainOnce(
  rows: ReadonlyArray<{ x: number[]; y: number; w: number }>,
  featureCount: number,
  L: number,
  { epochs, learningRate, l2, seed }: { epochs: number; learningRate: number; l2: number; seed: number },
): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(featureCount * L);
  const bias = new Float32Array(L);
  const g2 = new Float32Array(featureCount * L).fill(1e-8);
  const gb2 = new Float32Array(L).fill(1e-8);
  const order = rows.map((_, i) => i);
  const random = prng(seed);
  const scores = new Float64Array(L);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const { x, y, w } = rows[r]!;
      if (!x.length) continue;
      softmaxInto(scores, weights, bias, x, L);
      for (let k = 0; k < L; k++) {
        const g = w * (scores[k]! - (k === y ? 1 : 0));
        gb2[k]! += g * g;
        bias[k]! -= (learningRate * g) / Math.sqrt(gb2[k]!);
        for (const f of x) {
          const at = f * L + k;
          const gw = g + l2 * weights[at]!;
          g2[at]! += gw * gw;
          weights[at]! -= (learningRate * gw) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return { weights, bias };
}

function softmaxInto(out: Float64Array, weights: Float32Array, bias: Float32Array, x: readonly number[], L: number): void {
  let max = -Infinity;
  for (let k = 0; k < L; k++) {
    let s = bias[k]!;
    for (const f of x) s += weights[f * L + k]!;
    out[k] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let k = 0; k < L; k++) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < L; k++) out[k]! /= sum;
}

/** Label probabilities, highest first. */
export function predict(model: LinearModel, features: readonly string[]): Array<{ label: string; p: number }> {
  const L = model.labels.length;
  const x = [...new Set(features)].map((f) => model.features.get(f)).filter((i): i is number => i !== undefined);
  const out = new Float64Array(L);
  softmaxInto(out, model.weights, model.bias, x, L);
  return model.labels.map((label, k) => ({ label, p: out[k]! })).sort((a, b) => b.p - a.p);
}

/** Serialised form for the store: JSON header plus the weights as base64 float32. */
export interface StoredLinearModel {
  labels: string[];
  features: string[];
  weights: string;
  bias: number[];
}

export function serializeModel(model: LinearModel): StoredLinearModel {
  return {
    labels: model.labels,
    features: [...model.features.keys()],
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString('base64'),
    bias: [...model.bias],
  };
}

export function restoreModel(stored: StoredLinearModel): LinearModel {
  const bytes = Buffer.from(stored.weights, 'base64');
  const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (weights.length !== stored.features.length * stored.labels.length)
    throw new Error('stored triage model is corrupt: weight count does not match');
  return {
    labels: stored.labels,
    features: new Map(stored.features.map((f, i) => [f, i])),
    weights,
    bias: Float32Array.from(stored.bias),
  };
}
