import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { advance, type DraftState, normalizePhone, readAnswer, visibleFields } from '../../src/services/application-flow.js';
import { parseRoutes, routeFor } from '../../src/services/application-routes.js';
import { loadServiceDefinitions, ServiceDefinitionError } from '../../src/services/service-definitions.js';

const definitions = loadServiceDefinitions('knowledge');
const join_ = definitions.get('join_union')!;
const draft = (step: string, answers: Record<string, string> = {}): DraftState => ({ step, answers, shareIdentity: null });
const moved = (o: ReturnType<typeof advance>) => (o.kind === 'moved' ? o.draft : undefined);

describe('the service definitions', () => {
  it('are the four services, each with a guide, a consent text and a checklist in both languages', () => {
    expect([...definitions.keys()].sort()).toEqual(['callback', 'hardship', 'join_union', 'legal_aid']);
    for (const d of definitions.values()) {
      expect(d.consent.zh).toContain('{union}');
      expect(d.checklist.en.length).toBeGreaterThan(0);
      expect(d.fields.some((f) => f.type === 'phone' && f.personal)).toBe(true);
    }
  });

  const broken = (edit: (yaml: string) => string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'nj-services-def-'));
    mkdirSync(join(dir, 'union', 'services'), { recursive: true });
    cpSync('knowledge/union/joining-the-union.md', join(dir, 'union', 'joining-the-union.md'));
    writeFileSync(
      join(dir, 'union', 'services', 'join-union.yaml'),
      edit(readFileSync('knowledge/union/services/join-union.yaml', 'utf8')),
    );
    return dir;
  };

  it.each([
    [
      'a missing English text',
      (y: string) => y.replace('label: {zh: 姓名, en: Name}', 'label: {zh: 姓名}'),
      /join-union\.yaml: fields\[0\]\.label\.en: /,
    ],
    ['an unknown field type', (y: string) => y.replace('type: phone', 'type: email'), /fields\[1\]\.type: /],
    [
      'a choice without options',
      (y: string) => y.replace(/ {4}options:\n {6}- value: yes_[\s\S]*?unknown, label: \{zh: 不清楚, en: Not sure\}\}/, ''),
      /fields\[5\]\.options: a choice needs options/,
    ],
    [
      'a `when` on a later field',
      (y: string) => y.replace('when: {field: industry, in: [factory, other]}', 'when: {field: workplace_union, in: [no_]}'),
      /fields\[4\]\.when\.field: "workplace_union" is not an earlier field/,
    ],
    [
      'a guide that does not exist',
      (y: string) => y.replace('guide: joining-the-union.md', 'guide: nowhere.md'),
      /guide: knowledge\/union\/nowhere\.md does not exist/,
    ],
    [
      'an unquoted #{caseId} (a YAML comment)',
      (y: string) =>
        y
          .replace('"你的入会申请已提交（编号 #{caseId}），', '你的入会申请已提交（编号 #{caseId}），')
          .replace('可以随时查看进度。"', '可以随时查看进度。'),
      /submitted\.zh: must say the number/,
    ],
  ])('name the file and the field on %s', (_what, edit, message) => {
    const dir = broken(edit);
    expect(() => loadServiceDefinitions(dir)).toThrow(ServiceDefinitionError);
    expect(() => loadServiceDefinitions(dir)).toThrow(message);
  });
});

describe('the flow', () => {
  it('goes intro → the fields that apply → consent → review → submit', () => {
    let d = moved(advance(join_, draft('intro'), { press: 'start' }))!;
    expect(d.step).toBe('field:name');
    d = moved(advance(join_, d, { text: '张三' }))!;
    d = moved(advance(join_, d, { text: '13800138000' }))!;
    d = moved(advance(join_, d, { text: '深圳' }))!;
    const courier = advance(join_, d, { press: 'pick', arg: 'courier' });
    expect(courier).toMatchObject({ kind: 'moved', draft: { step: 'consent' }, note: { zh: expect.stringContaining('平台劳动者') } });
    d = moved(advance(join_, moved(courier)!, { press: 'pick', arg: 'id' }))!;
    expect(d).toMatchObject({ step: 'review', shareIdentity: true });
    expect(advance(join_, d, { press: 'submit' })).toEqual({ kind: 'submit' });
  });

  it('asks the workplace questions only of those who are not platform workers', () => {
    expect(visibleFields(join_, { industry: 'rider' }).map((f) => f.id)).toEqual(['name', 'phone', 'region', 'industry']);
    expect(visibleFields(join_, { industry: 'factory' }).map((f) => f.id)).toEqual([
      'name',
      'phone',
      'region',
      'industry',
      'employer',
      'workplace_union',
    ]);
    expect(moved(advance(join_, draft('field:industry'), { text: '工厂或建筑工地' }))!.step).toBe('field:employer');
  });

  it('goes back one step at a time, and cancels from anywhere (typed or pressed)', () => {
    expect(moved(advance(join_, draft('field:phone'), { press: 'back' }))!.step).toBe('field:name');
    expect(moved(advance(join_, draft('consent', { industry: 'other' }), { text: '返回' }))!.step).toBe('field:workplace_union');
    expect(moved(advance(join_, draft('review'), { press: 'back' }))!.step).toBe('consent');
    expect(advance(join_, draft('field:region'), { text: '取消' })).toEqual({ kind: 'cancel' });
    expect(advance(join_, draft('intro'), { press: 'back' })).toEqual({ kind: 'cancel' });
    expect(advance(join_, draft('intro'), { press: 'person' })).toEqual({ kind: 'person' });
  });

  it('says what is wrong with a bad answer', () => {
    expect(advance(join_, draft('field:name'), { text: '张' })).toMatchObject({ kind: 'invalid', reason: 'too_short', min: 2 });
    expect(advance(join_, draft('field:name'), { text: '张'.repeat(31) })).toMatchObject({ kind: 'invalid', reason: 'too_long', max: 30 });
    expect(advance(join_, draft('field:phone'), { text: '110' })).toMatchObject({ kind: 'invalid', reason: 'phone' });
    expect(advance(join_, draft('field:industry'), { text: '开飞机' })).toMatchObject({ kind: 'invalid', reason: 'choice' });
    expect(advance(join_, draft('field:phone'), { press: 'skip' })).toMatchObject({ kind: 'invalid', reason: 'buttons' });
    const hardship = definitions.get('hardship')!;
    expect(advance(hardship, draft('field:household'), { text: '很多' })).toMatchObject({ kind: 'invalid', reason: 'number' });
    expect(advance(hardship, draft('field:household'), { text: '30' })).toMatchObject({
      kind: 'invalid',
      reason: 'number_range',
      min: 1,
      max: 20,
    });
    expect(moved(advance(hardship, draft('field:household'), { text: '四口人' }))!.answers['household']).toBe('4');
    expect(moved(advance(hardship, draft('field:income'), { text: '跳过' }))!.step).toBe('field:story');
  });

  it('hands a question back to the assistant instead of taking it as an answer, except in a story', () => {
    expect(advance(join_, draft('field:region'), { text: '入会要交会费吗？' })).toEqual({ kind: 'question' });
    expect(advance(join_, draft('field:phone'), { text: 'how do I count overtime' })).toEqual({ kind: 'question' });
    expect(advance(join_, draft('intro'), { text: '公司拖欠工资三个月了' })).toEqual({ kind: 'question' });
    expect(advance(join_, draft('review'), { text: '入会以后有什么用' })).toEqual({ kind: 'question' });
    const legal = definitions.get('legal_aid')!;
    expect(moved(advance(legal, draft('field:story'), { text: '老板凭什么不给钱？已经拖了三个月了' }))!.step).toBe('consent');
  });

  it('normalises phone numbers', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('020 12345678')).toBe('02012345678');
    expect(normalizePhone('12345')).toBeUndefined();
    expect(readAnswer(definitions.get('legal_aid')!.fields.find((f) => f.id === 'amount')!, '1万5')).toEqual({ value: '15000' });
  });
});

describe('routing (APPLICATION_ROUTES)', () => {
  const routes = parseRoutes(
    JSON.stringify([
      { union: '深圳市快递行业工会联合会', services: ['join_union'], regions: ['深圳'], industries: ['courier'], slackChannel: 'C0SZ' },
      { union: '广州市总工会', regions: ['广州'] },
    ]),
    [...definitions.keys()],
  );

  it('sends an application to the first union whose conditions all hold, else the federation', () => {
    expect(routeFor(routes, 'join_union', { region: '深圳市南山区', industry: 'courier' })?.union).toBe('深圳市快递行业工会联合会');
    expect(routeFor(routes, 'legal_aid', { region: '深圳市南山区', industry: 'courier' })).toBeUndefined();
    expect(routeFor(routes, 'legal_aid', { region: '广州市天河区' })?.union).toBe('广州市总工会');
    expect(routeFor([], 'join_union', { region: '深圳' })).toBeUndefined();
  });

  it('names the setting and what is wrong', () => {
    expect(() => parseRoutes('[{"union": "x", "services": ["join"]}]', [...definitions.keys()])).toThrow(
      /APPLICATION_ROUTES: \[0\.services\] "join" is not a service/,
    );
    expect(() => parseRoutes('{not json')).toThrow(ConfigError);
    expect(() => parseRoutes('[{"union": "x", "slackChannel": "cases"}]')).toThrow(/APPLICATION_ROUTES: \[0\.slackChannel\]/);
    expect(parseRoutes(undefined)).toEqual([]);
  });
});
