import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment } from '../src/config.js';
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

  it('refuses at start, naming the variable and the fix: a port above 65535, a webhook that is not https, a non-PostgreSQL URL, a data folder that is a file, a weak admin token', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nj-config-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const hook = { TELEGRAM_WEBHOOK_SECRET: 'abc' };
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: '70000' }, /PORT: .*65535.*\(use a TCP port/s],
      [{ ...hook, TELEGRAM_WEBHOOK_URL: 'javascript:alert(1)' }, /TELEGRAM_WEBHOOK_URL: .*https.*\(use the public https URL/s],
      [{ ...hook, TELEGRAM_WEBHOOK_URL: 'http://bot.example.org/telegram' }, /TELEGRAM_WEBHOOK_URL: .*https/s],
      [{ DATABASE_URL: 'mysql://root@db.example.org/niangjia' }, /DATABASE_URL: .*postgres:\/\/.*\(use postgres:\/\//s],
      [{ DATA_DIR: file }, /DATA_DIR: .*not a folder.*/s],
      [{ ADMIN_TOKEN: 'a' }, /ADMIN_TOKEN: .*at least 24 characters.*openssl rand/s],
      [{ ADMIN_PORT: '70000' }, /ADMIN_PORT: .*not the same as PORT/s],
      [{ PORT: '8080', ADMIN_PORT: '8080' }, /ADMIN_PORT: 8080 is PORT as well/],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message);
    }
    expect(
      loadConfig({ ...hook, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram', DATABASE_URL: 'postgresql://u@h/db', PORT: '65535' })
        .PORT,
    ).toBe(65535);
  });

  it('refuses a malformed .env line, naming the file and the line but not its value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nj-env-'));
    const env = join(dir, '.env');
    writeFileSync(env, '# settings\nNJ_TEST_FIRST=1\nMULTI="a\nb"\nTELEGRAM_BOT_TOKEN 123:secret-value\n');
    expect(() => readEnvironment(env)).toThrow(ConfigError);
    expect(() => readEnvironment(env)).toThrow(/\.env line 5: .*NAME=value/);
    expect(() => readEnvironment(env)).not.toThrow(/secret-value/);
    writeFileSync(env, '# settings\nexport NJ_TEST_SECOND=2\nNJ_TEST_QUOTED="a # b"\n');
    expect(readEnvironment(env)['NJ_TEST_SECOND']).toBe('2');
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
