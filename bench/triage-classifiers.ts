/**
 * `npx tsx bench/triage-classifiers.ts [--cases FILE …]`: the triage classifier measured against NLP.js
 * (@nlpjs/basic + lang-zh, its own tokenizers and neural classifier) on the same training lines and card
 * phrasings, without the lexicon's urgent rule for either, so the comparison is of the classifiers alone.
 * Prints training time and urgent / escalate recall, false escalations and decline accuracy per file.
 * Development sets only: never run it on a blind set you report.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BehaviourCase, parseBehaviourCases } from '../src/assistant/behaviour-eval.js';
import { detectLang } from '../src/i18n/detect-lang.js';
import { corpusArticles, loadIssueCards } from '../src/retrieval/issue-cards.js';
import { createDangerLexicon } from '../src/triage/danger-lexicon.js';
import { predict, restoreModel } from '../src/triage/linear-model.js';
import { messageFeatures } from '../src/triage/message-features.js';
import { cardQuestions, trainTriage } from '../src/triage/train-triage.js';
import { readTriageKnowledge } from '../src/triage/triage-knowledge.js';
import { outcomeOf } from '../src/triage/types.js';

const { values } = parseArgs({ options: { cases: { type: 'string', multiple: true, default: ['../shared/eval/behaviour.jsonl'] } } });
const knowledge = await readTriageKnowledge('knowledge');
const { cards } = await loadIssueCards({ knowledgeDir: 'knowledge', articles: await corpusArticles('knowledge') });
const questions = cardQuestions(cards);
const examples = [
  ...knowledge.lines.map((l) => ({ text: l.text, label: l.label, lang: l.lang })),
  ...questions.map((text) => ({ text, label: 'answer:legal_question', lang: detectLang(text) ?? 'zh' })),
];

type Classify = (text: string) => string; // → outcome
const classifiers: Record<string, { train: () => Promise<Classify> }> = {
  'linear (ours)': {
    async train() {
      const { bundle } = trainTriage({ knowledge, questions });
      const lexicon = createDangerLexicon(bundle.lexicon);
      const model = restoreModel(bundle.model);
      return (text) => outcomeOf(predict(model, messageFeatures(text, lexicon.scan(text)))[0]!.label);
    },
  },
  'NLP.js neural': { train: nlpClassifier },
};

const sets = values.cases!.map((f) => [f, parseBehaviourCases(readFileSync(f, 'utf8'))] as const);
for (const [name, c] of Object.entries(classifiers)) {
  const started = performance.now();
  const classify = await c.train();
  const ms = Math.round(performance.now() - started);
  const row = [`${name.padEnd(16)} train ${ms} ms`];
  for (const [file, cases] of sets) row.push(`${file.split('/').pop()}: ${score(cases, classify)}`);
  console.log(row.join('  '));
}

/** NLP.js classifies asynchronously: it is trained, then asked about every case up front. */
async function nlpClassifier(): Promise<Classify> {
  const { containerBootstrap } = await import('@nlpjs/core');
  const { Nlp } = await import('@nlpjs/nlp');
  const { LangZh } = await import('@nlpjs/lang-zh');
  const { LangEn } = await import('@nlpjs/lang-en-min');
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangZh);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('zh');
  nlp.addLanguage('en');
  for (const e of examples) nlp.addDocument(e.lang, e.text, e.label.replace(':', '.'));
  await nlp.train();
  const answers = new Map<string, string>();
  for (const [, cases] of sets)
    for (const c of cases) {
      const r = await nlp.process(c.lang, c.message);
      answers.set(c.message, r.intent && r.intent !== 'None' ? outcomeOf(r.intent.replace('.', ':')) : 'answer');
    }
  return (text) => answers.get(text) ?? 'answer';
}

function score(cases: readonly BehaviourCase[], classify: Classify): string {
  let urg = 0,
    urgN = 0,
    esc = 0,
    escN = 0,
    fe = 0,
    ans = 0,
    dec = 0,
    decN = 0;
  for (const c of cases) {
    const o = classify(c.message);
    const kind = o === 'urgent' || o === 'escalate' ? 'escalate' : o;
    if (c.priority === 'urgent') {
      urgN++;
      if (o === 'urgent') urg++;
    }
    if (c.expect === 'escalate') {
      escN++;
      if (kind === 'escalate') esc++;
    }
    if (c.expect === 'answer') {
      ans++;
      if (kind === 'escalate') fe++;
    }
    if (c.expect === 'decline') {
      decN++;
      if (kind === 'decline') dec++;
    }
  }
  return `urgent ${(urg / urgN).toFixed(2)} escalate ${(esc / escN).toFixed(2)} false-esc ${(fe / ans).toFixed(2)} decline ${(dec / decN).toFixed(2)}`;
}
