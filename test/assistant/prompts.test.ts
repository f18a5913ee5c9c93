import { describe, expect, it } from 'vitest';
import { formatCards } from '../../src/assistant/llm-answer.js';
import { formatPassages, loadPrompts } from '../../src/assistant/prompts.js';
import { issueCard, lawPassage, promptsDir } from './law-passages.js';

// What the model is sent, reviewed like code: a change to prompts/ shows up here as a snapshot diff.
describe('prompts', () => {
  const prompts = loadPrompts(promptsDir);
  const passages = [lawPassage('labor-contract-law.md', 19, { id: 1 }), lawPassage('labor-law.md', 21, { id: 2 })];

  it.each(['zh', 'en'] as const)('answer messages in %s', (lang) => {
    const system = prompts.render('system', lang);
    const issues = formatCards([issueCard({ id: 'probation-length' })], lang);
    const user = prompts.render('answer', lang, { issues, passages: formatPassages(passages), question: '试用期最长可以约定多久？' });
    expect({ system, user }).toMatchSnapshot();
  });

  it.each(['zh', 'en'] as const)('condense message in %s', (lang) => {
    expect(prompts.render('condense', lang, { history: '职工: 公司没理由把我辞退了', message: '那赔偿呢？' })).toMatchSnapshot();
  });

  it.each(['zh', 'en'] as const)('triage message in %s', (lang) => {
    expect(prompts.render('triage', lang, { message: '井下的老张喊了半天没回应' })).toMatchSnapshot();
  });

  it('fails loudly when a prompt file is missing', () => {
    expect(() => loadPrompts('/nonexistent')).toThrow(/PROMPTS_DIR/);
  });
});
