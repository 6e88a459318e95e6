import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DlpCheckResult, DlpRuleView, Problem } from '@bridgeline/shared';
import { startTestApp, type Api, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let alice: Api;
let bob: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
});
afterAll(async () => app?.stop());

const records = (type: string) =>
  app.sql<{ payload: { details: Record<string, unknown> } }>(
    'SELECT payload FROM archive_records WHERE type = $1 ORDER BY seq',
    [type],
  );
const create = (body: object) => alice.post<DlpRuleView & Problem>('/api/v1/admin/dlp-rules', body);

describe('DLP rules (admins: GET/POST /api/v1/admin/dlp-rules, PATCH/DELETE …/:id)', () => {
  it('stores a rule of each kind as the contract names it, lists them, and archives each change', async () => {
    const cards = await create({ name: 'Cards', kind: 'detector', detector: 'credit_card', action: 'block' });
    expect(cards.status).toBe(201);
    expect(cards.body).toMatchObject({
      name: 'Cards',
      kind: 'detector',
      detector: 'credit_card',
      action: 'block',
      direction: 'outbound',
      enabled: true,
    });
    const words = await create({
      name: 'Codenames',
      kind: 'keyword',
      keywords: ['Falcon'],
      action: 'flag',
      direction: 'both',
    });
    expect(words.body).toMatchObject({ keywords: ['Falcon'], direction: 'both' });
    const ids = await create({ name: 'Staff ids', kind: 'regex', pattern: 'EMP-\\d{6}', action: 'redact' });
    expect(ids.body).toMatchObject({ pattern: 'EMP-\\d{6}' });
    const list = await alice.get<DlpRuleView[]>('/api/v1/admin/dlp-rules');
    expect(list.body.map((r) => r.name)).toEqual(['Cards', 'Codenames', 'Staff ids']);
    expect((await records('admin.dlp_rule_created')).map((r) => r.payload.details.rule)).toHaveLength(3);

    const off = await alice.patch<DlpRuleView>(`/api/v1/admin/dlp-rules/${ids.body.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, pattern: 'EMP-\\d{6}', name: 'Staff ids' });
    const [updated] = await records('admin.dlp_rule_updated');
    expect(updated?.payload.details).toMatchObject({ before: { enabled: true }, after: { enabled: false } });

    expect((await alice.del(`/api/v1/admin/dlp-rules/${ids.body.id}`)).status).toBe(200);
    expect((await alice.del(`/api/v1/admin/dlp-rules/${ids.body.id}`)).status).toBe(404);
    expect((await records('admin.dlp_rule_deleted'))[0]?.payload.details).toMatchObject({
      rule: { name: 'Staff ids' },
    });
    for (const id of [cards.body.id, words.body.id]) await alice.del(`/api/v1/admin/dlp-rules/${id}`);
  });

  it.each([
    [{ name: '  ', kind: 'keyword', keywords: ['x'], action: 'flag' }, /name: A rule needs a name/],
    [{ name: 'Ids', kind: 'detector', detector: 'passport', action: 'block' }, /Unknown detector “passport”/],
    [{ name: 'Bad', kind: 'regex', pattern: '(unclosed', action: 'block' }, /pattern: /],
    [{ name: 'Look', kind: 'regex', pattern: '(?=x)y', action: 'block' }, /pattern: /],
    [{ name: 'Long', kind: 'regex', pattern: 'a'.repeat(501), action: 'flag' }, /pattern: .*500/],
    [{ name: 'Verb', kind: 'keyword', keywords: ['x'], action: 'delete' }, /Unknown action/],
    [{ name: 'Empty', kind: 'keyword', keywords: [], action: 'flag' }, /at least one keyword/],
  ])('refuses a rule that is not one with 400 validation_failed in words (%o)', async (body, words) => {
    const r = await create(body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.detail).toMatch(words);
  });

  it('refuses a change that would break a stored rule, and keeps the rule as it was', async () => {
    const rule = await create({ name: 'Ids', kind: 'regex', pattern: 'ID-\\d+', action: 'flag' });
    const r = await alice.patch<Problem>(`/api/v1/admin/dlp-rules/${rule.body.id}`, { pattern: '[' });
    expect(r).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(
      (await alice.get<DlpRuleView[]>('/api/v1/admin/dlp-rules')).body.find((x) => x.id === rule.body.id),
    ).toMatchObject({ pattern: 'ID-\\d+' });
    await alice.del(`/api/v1/admin/dlp-rules/${rule.body.id}`);
  });

  it('answers 403 admin_only to a member who is not an admin, and 404 for a rule that does not exist', async () => {
    for (const r of [
      await bob.get<Problem>('/api/v1/admin/dlp-rules'),
      await bob.post<Problem>('/api/v1/admin/dlp-rules', {
        name: 'x',
        kind: 'keyword',
        keywords: ['x'],
        action: 'flag',
      }),
      await bob.get<Problem>('/api/v1/admin/reviews'),
    ])
      expect(r).toMatchObject({ status: 403, body: { code: 'admin_only' } });
    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await alice.patch(`/api/v1/admin/dlp-rules/${missing}`, { enabled: false })).status).toBe(404);
  });
});

describe('POST /api/v1/dlp/check (the policy tip)', () => {
  it('tells any signed-in member what the rules would do: the action, the matches and the redacted text', async () => {
    const cards = await create({
      name: 'Cards',
      kind: 'detector',
      detector: 'credit_card',
      action: 'redact',
    });
    const r = await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text: 'card 4111 1111 1111 1111 ok' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      action: 'redact',
      matches: [{ ruleId: cards.body.id, ruleName: 'Cards', start: 5, end: 24 }],
      redactedText: 'card [redacted] ok',
    });
    expect(
      (await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text: 'card 4111 1111 1111 1112' })).body,
    ).toMatchObject({ action: 'allow', matches: [] });
    await alice.del(`/api/v1/admin/dlp-rules/${cards.body.id}`);
  });

  it('sees a rule change at once (the compiled policy is not kept past a change)', async () => {
    const text = 'the Falcon numbers';
    expect((await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text })).body.action).toBe('allow');
    const rule = await create({ name: 'Codenames', kind: 'keyword', keywords: ['falcon'], action: 'block' });
    expect((await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text })).body.action).toBe('block');
    await alice.patch(`/api/v1/admin/dlp-rules/${rule.body.id}`, { action: 'flag' });
    expect((await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text })).body.action).toBe('flag');
    await alice.patch(`/api/v1/admin/dlp-rules/${rule.body.id}`, { enabled: false });
    expect((await bob.post<DlpCheckResult>('/api/v1/dlp/check', { text })).body.action).toBe('allow');
    await alice.del(`/api/v1/admin/dlp-rules/${rule.body.id}`);
  });

  it('lets an admin test a sample text against rules not saved yet, checked as on saving', async () => {
    const rules = [{ name: 'Draft', kind: 'regex', pattern: 'TKT#\\d{5}', action: 'block' }];
    const r = await alice.post<DlpCheckResult>('/api/v1/dlp/check', { text: 'see TKT#12345', rules });
    expect(r.body).toMatchObject({ action: 'block', matches: [{ ruleName: 'Draft', start: 4, end: 13 }] });
    expect(r.body.reasons[0]).toMatch(/Rule “Draft” found/);
    const bad = await alice.post<Problem>('/api/v1/dlp/check', {
      text: 'x',
      rules: [{ name: 'Bad', kind: 'regex', pattern: '(', action: 'block' }],
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await bob.post<Problem>('/api/v1/dlp/check', { text: 'x', rules })).status).toBe(403);
  });

  it('answers a 50,000-character text with 400 validation_failed at once, and a missing text too', async () => {
    const long = await bob.post<Problem>('/api/v1/dlp/check', { text: 'a'.repeat(50_000) });
    expect(long).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(long.body.detail).toMatch(/4096/);
    expect((await bob.post<Problem>('/api/v1/dlp/check', {})).status).toBe(400);
  });
});
