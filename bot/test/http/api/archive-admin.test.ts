import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSettingsView, LegalHold, Problem, Thread } from '@bridgeline/shared';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let alice: Api;
let bob: Api;
let eve: Api;
let ids: { alice: string; bob: string; eve: string; eveContact: string };

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/members')).body;
  const [tenant] = await app.sql<{ id: string }>(
    `INSERT INTO tenants (name) VALUES ('Fabrikam') RETURNING id`,
  );
  const [eveRow] = await app.sql<{ id: string }>(
    `INSERT INTO members (tenant_id, email, display_name, region, enabled, is_admin)
     VALUES ($1, 'eve@fabrikam.test', 'Eve', 'us', true, true) RETURNING id`,
    [tenant!.id],
  );
  const [contact] = await app.sql<{ id: string }>(
    `INSERT INTO contacts (tenant_id, display_name, phone_e164) VALUES ($1, 'Fabrikam client', '+14155559876') RETURNING id`,
    [tenant!.id],
  );
  eve = app.api(await app.token('eve@fabrikam.test'));
  ids = {
    alice: members.find((m) => m.email === 'alice@contoso.test')!.id,
    bob: members.find((m) => m.email === 'bob@contoso.test')!.id,
    eve: eveRow!.id,
    eveContact: contact!.id,
  };
});
afterAll(async () => app?.stop());

const records = (type: string) =>
  app.sql<{ payload: { actor: { id: string } | null; details: Record<string, unknown> } }>(
    `SELECT payload FROM archive_records WHERE type = $1 ORDER BY tenant_id, seq`,
    [type],
  );

describe('GET/PUT /api/v1/admin/archive/settings', () => {
  it('keeps six years by default, and archives every change with who, before and after', async () => {
    expect((await alice.get<ArchiveSettingsView>('/api/v1/admin/archive/settings')).body).toEqual({
      retentionDays: 2192,
      journal: { enabled: true },
    });
    const put = await alice.put<ArchiveSettingsView>('/api/v1/admin/archive/settings', {
      retentionDays: 3650,
      journal: { enabled: false },
    });
    expect(put).toEqual({ status: 200, body: { retentionDays: 3650, journal: { enabled: false } } });
    expect((await alice.get('/api/v1/admin/archive/settings')).body).toEqual(put.body);
    const [changed] = await records('admin.archive_settings_changed');
    expect(changed?.payload.actor?.id).toBe(ids.alice);
    expect(changed?.payload.details).toEqual({
      before: { retentionDays: 2192, journal: { enabled: true } },
      after: { retentionDays: 3650, journal: { enabled: false } },
    });
    await alice.put('/api/v1/admin/archive/settings', { retentionDays: 2192, journal: { enabled: true } });
  });

  it('refuses a retention that is not a whole number of days of at least one, and unknown fields, in words', async () => {
    const cases: [unknown, RegExp][] = [
      [{ retentionDays: 0 }, /retentionDays must be at least 1 day/],
      [{ retentionDays: -5 }, /at least 1 day/],
      [{ retentionDays: 1.5 }, /retentionDays must be a whole number of days/],
      [{ retentionDays: '30' }, /retentionDays must be a number of days/],
      [{ retentionDays: 40000 }, /at most 36500 days/],
      [{ retentionDays: 30, purgeNow: true }, /purgeNow/],
      [{ journal: { enabled: 'yes' } }, /journal\.enabled/],
    ];
    for (const [body, words] of cases) {
      const r = await alice.put<Problem>('/api/v1/admin/archive/settings', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe('validation_failed');
      expect(r.body.detail).toMatch(words);
    }
    expect((await alice.get<ArchiveSettingsView>('/api/v1/admin/archive/settings')).body.retentionDays).toBe(
      2192,
    );
  });

  it('answers 403 admin_only to a member who is not an admin, and changes nothing', async () => {
    const before = (await records('admin.archive_settings_changed')).length;
    for (const r of [
      await bob.get<Problem>('/api/v1/admin/archive/settings'),
      await bob.put<Problem>('/api/v1/admin/archive/settings', { retentionDays: 1 }),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('admin_only');
    }
    expect(await records('admin.archive_settings_changed')).toHaveLength(before);
  });
});

describe('/api/v1/admin/legal-holds', () => {
  const reason = 'FINRA inquiry 2026-04';

  it('puts a contact on hold, lists it, releases it (kept, with when and by whom), each step archived', async () => {
    const phone = newPhone();
    const thread = (
      await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true })
    ).body;
    const created = await alice.post<LegalHold>('/api/v1/admin/legal-holds', {
      scope: 'contact',
      targetId: thread.contact.id,
      reason,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scope: 'contact',
      targetId: thread.contact.id,
      targetLabel: phone,
      reason,
      createdBy: { id: ids.alice },
      releasedAt: null,
    });
    const active = await alice.get<LegalHold[]>('/api/v1/admin/legal-holds');
    expect(active.body.map((h) => h.id)).toContain(created.body.id);

    const released = await alice.del<LegalHold>(`/api/v1/admin/legal-holds/${created.body.id}`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ id: created.body.id, releasedBy: { id: ids.alice } });
    expect(released.body.releasedAt).not.toBeNull();
    expect((await alice.del(`/api/v1/admin/legal-holds/${created.body.id}`)).body).toEqual(released.body);

    expect((await alice.get<LegalHold[]>('/api/v1/admin/legal-holds')).body.map((h) => h.id)).not.toContain(
      created.body.id,
    );
    const all = await alice.get<LegalHold[]>('/api/v1/admin/legal-holds?all=true');
    expect(all.body.find((h) => h.id === created.body.id)).toEqual(released.body);
    const [row] = await app.sql<{ released_by: string }>(
      'SELECT released_by FROM legal_holds WHERE id = $1',
      [created.body.id],
    );
    expect(row?.released_by).toBe(ids.alice);

    const held = (await records('hold.created')).filter((r) => r.payload.details.holdId === created.body.id);
    const freed = (await records('hold.released')).filter(
      (r) => r.payload.details.holdId === created.body.id,
    );
    expect(held).toHaveLength(1);
    expect(freed).toHaveLength(1);
    expect(held[0]!.payload).toMatchObject({
      contact: { id: thread.contact.id, phone },
      actor: { id: ids.alice },
    });
  });

  it('holds a thread and a member, naming each in words', async () => {
    const thread = (
      await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone: newPhone(), sendOptIn: true })
    ).body;
    const onThread = await alice.post<LegalHold>('/api/v1/admin/legal-holds', {
      scope: 'thread',
      targetId: thread.id,
      reason,
    });
    expect(onThread.status).toBe(201);
    expect(onThread.body.targetLabel).toMatch(/^Conversation with /);
    const onBob = await alice.post<LegalHold>('/api/v1/admin/legal-holds', {
      scope: 'member',
      targetId: ids.bob,
      reason,
    });
    expect(onBob.status).toBe(201);
    expect(onBob.body.targetLabel).toBe('Bob Smith');
  });

  it('answers 404 for a target or a hold of another tenant, or one that does not exist, and stores nothing', async () => {
    const before = await app.sql('SELECT id FROM legal_holds');
    for (const body of [
      { scope: 'contact', targetId: ids.eveContact, reason },
      { scope: 'member', targetId: ids.eve, reason },
      { scope: 'thread', targetId: '00000000-0000-4000-8000-000000000000', reason },
    ]) {
      const r = await alice.post<Problem>('/api/v1/admin/legal-holds', body);
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(r.body.code).toBe('not_found');
    }
    expect(await app.sql('SELECT id FROM legal_holds')).toHaveLength(before.length);

    const evesHold = await eve.post<LegalHold>('/api/v1/admin/legal-holds', {
      scope: 'contact',
      targetId: ids.eveContact,
      reason,
    });
    expect(evesHold.status).toBe(201);
    expect((await alice.del<Problem>(`/api/v1/admin/legal-holds/${evesHold.body.id}`)).status).toBe(404);
    const alices = (await alice.get<LegalHold[]>('/api/v1/admin/legal-holds?all=true')).body;
    expect(alices.map((h) => h.id)).not.toContain(evesHold.body.id);
    expect((await eve.get<LegalHold[]>('/api/v1/admin/legal-holds?all=true')).body.map((h) => h.id)).toEqual([
      evesHold.body.id,
    ]);
    const [row] = await app.sql<{ released_at: Date | null }>(
      'SELECT released_at FROM legal_holds WHERE id = $1',
      [evesHold.body.id],
    );
    expect(row?.released_at).toBeNull();
  });

  it('refuses a hold without a reason, with an unknown scope or field, in words', async () => {
    for (const body of [
      { scope: 'contact', targetId: ids.bob, reason: '  ' },
      { scope: 'tenant', targetId: ids.bob, reason },
      { scope: 'member', targetId: ids.bob, reason, until: '2030-01-01' },
      { scope: 'member', targetId: 'bob', reason },
    ]) {
      const r = await alice.post<Problem>('/api/v1/admin/legal-holds', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe('validation_failed');
      expect(r.body.detail).toBeTruthy();
    }
  });

  it('answers 403 admin_only to a member who is not an admin', async () => {
    const [hold] = await app.sql<{ id: string }>(
      'SELECT id FROM legal_holds WHERE released_at IS NULL LIMIT 1',
    );
    for (const r of [
      await bob.get<Problem>('/api/v1/admin/legal-holds'),
      await bob.post<Problem>('/api/v1/admin/legal-holds', { scope: 'member', targetId: ids.bob, reason }),
      await bob.del<Problem>(`/api/v1/admin/legal-holds/${hold!.id}`),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('admin_only');
    }
  });

  it('a hold is never deleted nor rewritten, and released only once, by the database itself', async () => {
    const [hold] = await app.sql<{ id: string }>(
      'SELECT id FROM legal_holds WHERE released_at IS NULL LIMIT 1',
    );
    await expect(app.sql('DELETE FROM legal_holds WHERE id = $1', [hold!.id])).rejects.toThrow(
      /keeps every hold/,
    );
    await expect(
      app.sql(`UPDATE legal_holds SET reason = 'nothing to see' WHERE id = $1`, [hold!.id]),
    ).rejects.toThrow(/keeps every hold/);
    const [released] = await app.sql<{ id: string }>(
      'SELECT id FROM legal_holds WHERE released_at IS NOT NULL LIMIT 1',
    );
    await expect(
      app.sql('UPDATE legal_holds SET released_at = now() WHERE id = $1', [released!.id]),
    ).rejects.toThrow(/keeps every hold/);
  });
});
