import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadConfig, ConfigError } from '../src/config.js';
import { maskPersonalData } from '../src/privacy/mask.js';

describe('config', () => {
  it('runs on the embedded default with no settings at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATA_DIR: './data', PORT: 3000, embedder: 'local', llmEnabled: false });
    // The folders shipped with the service are found from the code, whatever the working directory.
    expect(c.KNOWLEDGE_DIR).toBe(resolve('knowledge'));
    expect(c.PROMPTS_DIR).toBe(resolve('prompts'));
    expect(c.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names the variable and how to fix it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL.*postgres:\/\//s);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: 'https://x.org/telegram' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ EMBEDDER: 'openai' })).toThrow(ConfigError);
  });

  it('parses lists and picks the OpenAI embedder when a model is named', () => {
    const c = loadConfig({ SLACK_STAFF_USER_IDS: 'U1, U2,', EMBEDDING_MODEL: 'text-embedding-3-small', OPENAI_API_KEY: 'sk-test' });
    expect(c.SLACK_STAFF_USER_IDS).toEqual(['U1', 'U2']);
    expect(c.embedder).toBe('openai');
  });
});

describe('personal data', () => {
  it('masks phones, ID cards, bank cards and e-mail', () => {
    expect(maskPersonalData('电话 138-1234-5678')).toBe('电话 138****5678');
    expect(maskPersonalData('身份证11010119900307123X')).toBe('身份证110***********123X');
    expect(maskPersonalData('卡号 6222 0212 3456 7890 123')).toBe('卡号 ****0123');
    expect(maskPersonalData('mail zhang.san@example.com')).toBe('mail z***@example.com');
    expect(maskPersonalData('第四十七条 工作满一年支付一个月工资 2008年1月1日')).toBe('第四十七条 工作满一年支付一个月工资 2008年1月1日');
  });
});
