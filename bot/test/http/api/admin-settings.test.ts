import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditPage,
  BusinessNumber,
  BusinessProfile,
  Me,
  TenantSettings,
  Thread,
} from '@bridgeline/shared';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

/** The organisation's settings, the business profile at (the sandbox's) Meta and the first-run notice, over HTTP. */
let app: TestApp;
let alice: Api;
let bob: Api;
let dave: Api;
let daveId: string;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  dave = app.api(await app.token('dave@contoso.test'));
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/admin/members')).body;
  daveId = members.find((m) => m.email === 'dave@contoso.test')!.id;
});
afterAll(() => app?.stop());

describe('tenant settings', () => {
  it('answers the defaults, and 403 admin_only to a member who is not an admin', async () => {
    const r = await alice.get<TenantSettings>('/api/v1/admin/settings');
    expect(r.body).toEqual({
      whatsappEnabled: true,
      smsHelpText: null,
      restrictIncoming: false,
      defaultRegion: null,
    });
    expect((await bob.get<{ code: string }>('/api/v1/admin/settings')).body.code).toBe('admin_only');
    expect((await bob.patch('/api/v1/admin/settings', { whatsappEnabled: false })).status).toBe(403);
  });

  it('refuses a help text longer than two texts, in words', async () => {
    const r = await alice.patch<{ code: string; detail: string }>('/api/v1/admin/settings', {
      smsHelpText: 'x'.repeat(307),
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/at most 306 characters/);
  });

  it('with WhatsApp switched off, members are told so and WhatsApp sends answer 403 whatsapp_disabled', async () => {
    await alice.patch(`/api/v1/admin/members/${daveId}`, { enabled: true });
    const off = await alice.patch<TenantSettings>('/api/v1/admin/settings', {
      whatsappEnabled: false,
      smsHelpText: 'Contoso Bank: reply STOP to stop.',
    });
    expect(off.body).toMatchObject({
      whatsappEnabled: false,
      smsHelpText: 'Contoso Bank: reply STOP to stop.',
    });
    expect((await dave.get<Me>('/api/v1/me')).body.whatsappEnabled).toBe(false);
    const refused = await dave.post<{ code: string; detail: string }>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('whatsapp_disabled');
    expect(refused.body.detail).toMatch(/switched WhatsApp messaging off/);
    await alice.patch('/api/v1/admin/settings', { whatsappEnabled: true });
    const again = await dave.post('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(again.status).toBe(201);
  });

  it('archives each change as admin.settings_updated with before and after', async () => {
    const page = (await alice.get<AuditPage>('/api/v1/admin/audit')).body;
    const change = page.items.find((i) => i.type === 'admin.settings_updated')!;
    expect(change.actor?.email).toBe('alice@contoso.test');
    expect(change.details).toMatchObject({
      before: { whatsappEnabled: false },
      after: { whatsappEnabled: true },
    });
  });
});

describe('first run', () => {
  it('a member just enabled sees the notice once; dismissed, it does not come back', async () => {
    expect((await dave.get<Me>('/api/v1/me')).body.firstRun).toBe(true);
    expect((await dave.post('/api/v1/me/first-run/dismiss', {})).status).toBe(200);
    expect((await dave.get<Me>('/api/v1/me')).body.firstRun).toBe(false);
    // A change that does not enable (already enabled) brings nothing back.
    await alice.patch(`/api/v1/admin/members/${daveId}`, { enabled: true, region: 'us' });
    expect((await dave.get<Me>('/api/v1/me')).body.firstRun).toBe(false);
  });

  it('queues the bot card for the member when they are enabled', async () => {
    const jobs = await app.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'welcome-member' AND data->>'memberId' = $1`,
      [daveId],
    );
    expect(jobs[0]!.n).toBe(1);
  });
});

describe('business profile', () => {
  it('reads and updates the WhatsApp number’s profile at Meta, and archives the change', async () => {
    const numbers = (await alice.get<BusinessNumber[]>('/api/v1/admin/numbers')).body;
    const whatsapp = numbers.find((n) => n.channel === 'whatsapp')!;
    const read = await alice.get<BusinessProfile>(`/api/v1/admin/numbers/${whatsapp.id}/profile`);
    expect(read.status).toBe(200);
    expect(read.body.numberId).toBe(whatsapp.id);
    const written = await alice.patch<BusinessProfile>(`/api/v1/admin/numbers/${whatsapp.id}/profile`, {
      about: 'Contoso Bank, private banking',
      email: 'private@contoso.test',
      websites: ['https://contoso.test'],
      vertical: 'FINANCE',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ about: 'Contoso Bank, private banking', vertical: 'FINANCE' });
    const again = await alice.get<BusinessProfile>(`/api/v1/admin/numbers/${whatsapp.id}/profile`);
    expect(again.body.websites).toEqual(['https://contoso.test']);
    const page = (await alice.get<AuditPage>('/api/v1/admin/audit')).body;
    expect(page.items[0]!.type).toBe('admin.profile_updated');
  });

  it('refuses an About text over 139 characters, three websites, and an SMS number, in words', async () => {
    const numbers = (await alice.get<BusinessNumber[]>('/api/v1/admin/numbers')).body;
    const whatsapp = numbers.find((n) => n.channel === 'whatsapp')!;
    const long = await alice.patch(`/api/v1/admin/numbers/${whatsapp.id}/profile`, {
      about: 'x'.repeat(140),
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toMatch(/at most 139 characters/);
    const three = await alice.patch(`/api/v1/admin/numbers/${whatsapp.id}/profile`, {
      websites: ['https://a.test', 'https://b.test', 'https://c.test'],
    });
    expect(three.status).toBe(400);
    const sms = numbers.find((n) => n.channel === 'sms')!;
    const r = await alice.get<{ detail: string }>(`/api/v1/admin/numbers/${sms.id}/profile`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/Only a WhatsApp number/);
  });
});

describe('restrict incoming', () => {
  it('a contact the organisation never messaged opens a thread only admins see and claim; nothing is dropped', async () => {
    await alice.patch('/api/v1/admin/settings', { restrictIncoming: true });
    const { threadId } = await app.inbound(newPhone(), { text: 'Hello, who is this?' });
    const queue = (who: Api) => who.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned');
    expect((await queue(bob)).body.items.map((t) => t.id)).not.toContain(threadId);
    expect((await bob.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(404);
    expect((await queue(alice)).body.items.map((t) => t.id)).toContain(threadId);
    const [stored] = await app.sql<{ text: string }>('SELECT text FROM messages WHERE thread_id = $1', [
      threadId,
    ]);
    expect(stored!.text).toBe('Hello, who is this?');
    expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  });

  it('a contact a member messaged before opens an ordinary Unassigned thread', async () => {
    const phone = newPhone();
    const started = await bob.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone,
      sendOptIn: true,
    });
    expect(started.status).toBe(201);
    await bob.post(`/api/v1/threads/${started.body.id}/leave`);
    const { threadId } = await app.inbound(phone, { text: 'Back again' });
    expect(threadId).not.toBe(started.body.id);
    const queue = await bob.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned');
    expect(queue.body.items.map((t) => t.id)).toContain(threadId);
    await alice.patch('/api/v1/admin/settings', { restrictIncoming: false });
  });
});
