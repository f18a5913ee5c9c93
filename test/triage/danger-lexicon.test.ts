import { describe, expect, it } from 'vitest';
import { createDangerLexicon, LexiconError, parseDangerLexiconFiles } from '../../src/triage/danger-lexicon.js';
import { parseTrainingLines } from '../../src/triage/triage-knowledge.js';

const files = [
  {
    name: 'lexicon/machine.yaml',
    text: 'category: machine\nacute:\n  zh: [卷进去了, 血止不住]\n  en: ["won\'t stop bleeding", "caught in the machine"]\nevent:\n  zh: [断指, 轧伤]\n  en: [crushed]\n',
  },
  { name: 'lexicon/confined_space.yaml', text: 'category: confined_space\nacute:\n  zh: [井下没动静, 喊不应]\n  en: ["not answering"]\n' },
  {
    name: 'lexicon/frames.yaml',
    text: 'past:\n  zh: [去年, 上个月]\n  en: [last year, ago]\nhypothetical:\n  zh: [如果, 万一]\n  en: [what if]\nrights:\n  zh: [算不算工伤, 怎么赔]\n  en: [compensation]\npresent:\n  zh: [现在, 还在]\n  en: [right now]\naftermath:\n  zh: [医院一查]\n  en: [was diagnosed]\n',
  },
];
const lexicon = createDangerLexicon(parseDangerLexiconFiles(files));

describe('the danger lexicon', () => {
  it('reads a negated danger sign as danger: 血止不住, won’t stop bleeding, 喊不应', () => {
    expect(lexicon.scan('他手指被切了血止不住').urgent.map((h) => h.category)).toEqual(['machine']);
    expect(lexicon.scan("my friend's hand won't stop bleeding").urgent).toHaveLength(1);
    expect(lexicon.scan('老张下去半天了喊不应').urgent[0]).toMatchObject({ category: 'confined_space', strength: 'acute' });
  });

  it('a past or hypothetical frame governs its clause and the ones after it', () => {
    expect(lexicon.scan('去年机器把我手卷进去了，血止不住，现在能申请工伤吗').urgent).toEqual([]);
    expect(lexicon.scan('如果机器卷进去了怎么办').urgent).toEqual([]);
    expect(lexicon.scan('what if I get caught in the machine').urgent).toEqual([]);
  });

  it('an aftermath cue governs its whole sentence, before it too, but not a clause that says now', () => {
    expect(lexicon.scan('下午机器把我手卷进去了，医院一查骨折了，能赔吗').urgent).toEqual([]);
    expect(lexicon.scan('医院一查骨折了。现在工友又卷进去了').urgent.map((h) => h.term)).toEqual(['卷进去了']);
  });

  it('a frame ends with its sentence: a danger told in a later sentence is urgent', () => {
    expect(lexicon.scan('去年开始老板就拖工资，一拖三个月。工友刚才卷进去了，血止不住').urgent.map((h) => h.term)).toEqual(
      expect.arrayContaining(['卷进去了', '血止不住']),
    );
    expect(lexicon.scan("Last year my hand got caught in the machine. It won't stop bleeding again").urgent).toHaveLength(1);
  });

  it('a present cue in a later clause makes it urgent again', () => {
    const scan = lexicon.scan('去年我断指过一次，现在工友又卷进去了，血止不住');
    expect(scan.urgent.map((h) => h.term)).toEqual(expect.arrayContaining(['卷进去了', '血止不住']));
    expect(scan.frames).toEqual(expect.arrayContaining(['past', 'present']));
  });

  it('an event word in a question about rights is not urgent; an acute sign still is', () => {
    expect(lexicon.scan('断指了算不算工伤').urgent).toEqual([]);
    expect(lexicon.scan('断指了').urgent[0]).toMatchObject({ strength: 'event' });
    expect(lexicon.scan('卷进去了血止不住，这算不算工伤').urgent.length).toBeGreaterThan(0);
  });

  it('names the file and the field of a malformed lexicon or training line', () => {
    expect(() => parseDangerLexiconFiles([{ name: 'lexicon/x.yaml', text: 'category: volcano\nacute: {zh: [a]}' }, files[2]!])).toThrow(
      LexiconError,
    );
    expect(() => parseDangerLexiconFiles([files[0]!])).toThrow(/frames\.yaml/);
    expect(() => parseTrainingLines('training/a.tsv', 'urgent:fire\tzh\t着火了\nbad line')).toThrow(/training\/a\.tsv:2/);
    expect(() => parseTrainingLines('training/a.tsv', 'urgent:fire\tfr\tau feu')).toThrow(/zh or en/);
  });
});
