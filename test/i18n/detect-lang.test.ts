import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/i18n/detect-lang.js';

describe('the language of a message', () => {
  it('is English when English words outnumber the Chinese characters, Chinese otherwise', () => {
    expect(detectLang('Can I take out my housing provident fund (公积金) to pay rent?')).toBe('en');
    expect(detectLang('The appraisal committee (劳动能力鉴定委员会) told me my documents are not complete')).toBe('en');
    expect(detectLang('HR让我sign一个resignation letter，说不签就不给last month salary，这样legal吗')).toBe('zh');
    expect(detectLang('公司辞退我')).toBe('zh');
    expect(detectLang('fired today')).toBe('en');
    expect(detectLang('123')).toBeUndefined();
  });
});
