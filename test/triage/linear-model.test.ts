import { describe, expect, it } from 'vitest';
import { predict, restoreModel, serializeModel, trainLinearModel } from '../../src/triage/linear-model.js';

const examples = [
  ...['fire now', 'smoke everywhere', 'fire fire', 'it is burning'].map((t) => ({ features: t.split(' '), label: 'urgent:fire' })),
  ...['how much severance', 'severance rules', 'annual leave days', 'overtime pay rules', 'leave days rules', 'pay rules'].map((t) => ({
    features: t.split(' '),
    label: 'answer:legal_question',
  })),
];

describe('the linear triage model', () => {
  it('is deterministic: the same lines give the same weights', () => {
    const a = trainLinearModel(examples);
    const b = trainLinearModel(examples);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it('averages models trained on several shuffles into one of the same size, deterministically', () => {
    const a = trainLinearModel(examples, { shuffles: 3 });
    const b = trainLinearModel(examples, { shuffles: 3 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.weights.length).toBe(trainLinearModel(examples).weights.length);
    expect(predict(a, ['fire', 'now'])[0]!.label).toBe('urgent:fire');
  });

  it('learns the training lines, and survives being stored', () => {
    const model = restoreModel(JSON.parse(JSON.stringify(serializeModel(trainLinearModel(examples)))));
    expect(predict(model, ['fire', 'now'])[0]!.label).toBe('urgent:fire');
    expect(predict(model, ['severance', 'rules'])[0]!.label).toBe('answer:legal_question');
    const total = predict(model, ['unknown']).reduce((s, r) => s + r.p, 0);
    expect(total).toBeCloseTo(1, 5);
  });
});
