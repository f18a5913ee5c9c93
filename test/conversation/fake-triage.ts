/**
 * A hand-written triage for worker-service tests: urgent (category `machine`) when the text says 救命,
 * else an answer. The real triage has its own tests (test/triage).
 */
import type { MessageTriage } from '../../src/conversation/worker-service.js';
import type { TriageResult } from '../../src/triage/types.js';

export function fakeTriage(urgentWord = '救命', category = 'machine'): MessageTriage & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async classify(text): Promise<TriageResult> {
      seen.push(text);
      const urgent = text.includes(urgentWord);
      return {
        outcome: urgent ? 'urgent' : 'answer',
        category: urgent ? category : 'legal_question',
        confidence: 1,
        source: urgent ? 'lexicon' : 'classifier',
        evidence: {
          danger: [],
          frames: [],
          label: '',
          outcomes: { urgent: urgent ? 1 : 0, escalate: 0, decline: 0, answer: urgent ? 0 : 1 },
        },
      };
    },
  };
}

export const safetyReply = (_lang: string, category: string) => `⚠️ ${category}: 请立即拨打120`;
