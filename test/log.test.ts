import { describe, expect, it } from 'vitest';
import { loadConfig, secretValues } from '../src/config.js';
import { createLogger } from '../src/log.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error' | 'silent', secrets: string[] = []) {
  const lines: string[] = [];
  const log = createLogger({ level, secrets, write: (l) => lines.push(l), clock: () => new Date('2026-12-01T08:00:00Z') });
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logs (pino)', () => {
  it("never contain secrets or workers' personal data: in fields, errors and their causes, and child bindings", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCdefSECRET', OPENAI_API_KEY: 'sk-verysecret' });
    const { log, lines } = capture('info', secretValues(config));
    log.error('failed', {
      url: 'https://api.telegram.org/bot123456:ABCdefSECRET/sendMessage',
      text: '我电话13812345678，身份证110101199003071234',
      error: new Error('key sk-verysecret rejected', { cause: new Error('for 13812345678') }),
      nested: { deeper: [{ phone: '+86 138 1234 5678' }] },
    });
    log.child({ worker: '身份证 11010119900307123X', token: 'sk-verysecret' }).warn('child.event', { n: 1 });
    const out = lines.join('\n');
    expect(lines).toHaveLength(2);
    for (const leak of ['ABCdefSECRET', 'sk-verysecret', '13812345678', '138 1234 5678', '110101199003071234', '11010119900307123X']) {
      expect(out).not.toContain(leak);
    }
    expect(out).toContain('138****5678');
    expect(out).toContain('[redacted]');
  });

  it('writes one JSON object per line with level, time and event; LOG_LEVEL filters', () => {
    const { log, records } = capture('warn');
    log.debug('d');
    log.info('i', { x: 1 });
    log.warn('w', { count: 2 });
    log.child({ component: 'outbox' }).error('e');
    expect(records()).toEqual([
      expect.objectContaining({ level: 'warn', time: '2026-12-01T08:00:00.000Z', event: 'w', count: 2 }),
      expect.objectContaining({ level: 'error', event: 'e', component: 'outbox' }),
    ]);
    const silent = capture('silent');
    silent.log.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('does not walk values nested without end', () => {
    const { log, records } = capture();
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 10; i++) at = (at['next'] = { phone: '13812345678' }) as Record<string, unknown>;
    log.info('deep', { deep });
    expect(JSON.stringify(records())).not.toContain('13812345678');
  });
});
