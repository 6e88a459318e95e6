import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, BusinessNumber, Thread } from '@bridgeline/shared';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

/**
 * Business numbers and the audit of admin changes, through the HTTP API on the real database (docs/admin.md).
 */
let app: TestApp;
let alice: Api;
let bob: Api;
let carol: Api;

beforeAll(async () => {
  app = await startTestApp({
    env: { WHATSAPP_OPT_IN_TEMPLATE: 'env_opt_in:en', WHATSAPP_RESUME_TEMPLATE: 'env_resume:en' },
  });
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  carol = app.api(await app.token('carol@contoso.test'));
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/admin/members')).body;
  const carolId = members.find((m) => m.email === 'carol@contoso.test')!.id;
  expect((await alice.patch(`/api/v1/admin/members/${carolId}`, { enabled: true })).status).toBe(200);
});
afterAll(() => app?.stop());

const numbers = async () => (await alice.get<BusinessNumber[]>('/api/v1/admin/numbers')).body;

describe('business numbers', () => {
  it('lists the seeded numbers, the WhatsApp one with the environment templates as its defaults', async () => {
    const list = await numbers();
    const whatsapp = list.find((n) => n.channel === 'whatsapp')!;
    expect(whatsapp).toMatchObject({
      region: 'us',
      enabled: true,
      optInTemplate: { name: 'env_opt_in', language: 'en' },
      resumeTemplate: { name: 'env_resume', language: 'en' },
    });
    expect(whatsapp.providerNumberId).toMatch(/^[0-9]+$/);
    const sms = list.find((n) => n.channel === 'sms')!;
    expect(sms).not.toHaveProperty('optInTemplate');
    expect(sms).not.toHaveProperty('providerNumberId');
  });

  it('answers 403 admin_only to a member who is not an admin', async () => {
    const r = await bob.get<{ code: string }>('/api/v1/admin/numbers');
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('admin_only');
    expect(
      (await bob.post('/api/v1/admin/numbers', { channel: 'sms', phone: '+447700900123', region: 'uk' }))
        .status,
    ).toBe(403);
  });

  it('refuses a WhatsApp number without its phone number id and WABA, in words', async () => {
    const r = await alice.post<{ code: string; detail: string }>('/api/v1/admin/numbers', {
      channel: 'whatsapp',
      phone: '+44 20 7946 0958',
      region: 'uk',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.detail).toMatch(/phone number id/);
  });

  it('refuses a phone that is no number, and an unknown field on a change', async () => {
    const r = await alice.post('/api/v1/admin/numbers', { channel: 'sms', phone: 'call me', region: 'uk' });
    expect(r.status).toBe(400);
    const [first] = await numbers();
    expect((await alice.patch(`/api/v1/admin/numbers/${first!.id}`, { channel: 'sms' })).status).toBe(400);
  });

  it('adds an EU WhatsApp number whose own opt-in template the consent flow then sends', async () => {
    const created = await alice.post<BusinessNumber>('/api/v1/admin/numbers', {
      channel: 'whatsapp',
      phone: '+44 20 7946 0958',
      region: 'eu',
      providerNumberId: '200000000000002',
      wabaId: '300000000000003',
      optInTemplate: { name: 'eu_opt_in', language: 'de' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      phone: '+442079460958',
      optInTemplate: { name: 'eu_opt_in', language: 'de' },
      resumeTemplate: { name: 'env_resume', language: 'en' },
    });
    const thread = await carol.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(thread.status).toBe(201);
    const [sent] = await app.sql<{ template: { name: string; language: string } }>(
      `SELECT template FROM messages WHERE thread_id = $1 AND type = 'template'`,
      [thread.body.id],
    );
    expect(sent!.template).toMatchObject({ name: 'eu_opt_in', language: 'de' });
  });

  it('refuses the same phone number id twice', async () => {
    const r = await alice.post<{ code: string }>('/api/v1/admin/numbers', {
      channel: 'whatsapp',
      phone: '+44 20 7946 0959',
      region: 'uk',
      providerNumberId: '200000000000002',
      wabaId: '300000000000003',
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('duplicate_number');
  });

  it('a disabled number starts no new thread; enabled again, it does', async () => {
    const eu = (await numbers()).find((n) => n.region === 'eu')!;
    const off = await alice.patch<BusinessNumber>(`/api/v1/admin/numbers/${eu.id}`, { enabled: false });
    expect(off.body.enabled).toBe(false);
    const refused = await carol.post<{ code: string; detail: string }>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('number_disabled');
    expect(refused.body.detail).toMatch(/\+442079460958 is switched off by an admin/);
    await alice.patch(`/api/v1/admin/numbers/${eu.id}`, { enabled: true, optInTemplate: null });
    const again = (await numbers()).find((n) => n.id === eu.id)!;
    expect(again.optInTemplate).toEqual({ name: 'env_opt_in', language: 'en' });
  });

  it('answers 404 for a number id that does not exist', async () => {
    const r = await alice.patch('/api/v1/admin/numbers/00000000-0000-4000-8000-000000000000', {
      enabled: false,
    });
    expect(r.status).toBe(404);
  });
});

describe('audit', () => {
  it('lists every admin change as an admin.* archive record, newest first, with who and what', async () => {
    const page = (await alice.get<AuditPage>('/api/v1/admin/audit')).body;
    const types = page.items.map((i) => i.type);
    expect(types.slice(0, 4)).toEqual([
      'admin.number_updated',
      'admin.number_updated',
      'admin.number_created',
      'admin.member_updated',
    ]);
    const seqs = page.items.map((i) => i.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const created = page.items.find((i) => i.type === 'admin.number_created')!;
    expect(created.actor?.email).toBe('alice@contoso.test');
    expect(created.subject).toBe('+442079460958');
    expect(created.details).toMatchObject({ after: { region: 'eu' } });
    const disabled = page.items[1]!;
    expect(disabled.details).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
  });

  it('pages with the cursor and answers 403 to a member who is not an admin', async () => {
    const first = (await alice.get<AuditPage>('/api/v1/admin/audit')).body;
    expect(first.nextCursor).toBeNull();
    const older = (await alice.get<AuditPage>(`/api/v1/admin/audit?cursor=${first.items[1]!.seq}`)).body;
    expect(older.items[0]!.seq).toBe(first.items[2]!.seq);
    expect((await alice.get('/api/v1/admin/audit?cursor=abc')).status).toBe(400);
    expect((await bob.get('/api/v1/admin/audit')).status).toBe(403);
  });
});
