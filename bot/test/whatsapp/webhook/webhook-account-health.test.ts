import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTemplate, HealthAlert, NumberHealth, Template, Thread } from '@bridgeline/shared';
import { eventually } from '../../support/eventually.js';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import { metaJson, postWebhook, type Json } from './webhook-builders.js';

/**
 * Meta's account-level webhooks (issue 18), each from a fixture modelled on Meta's examples, signed and posted to the
 * real webhook: template status and quality, number quality and limits, account restrictions and bans.
 */
let app: TestApp;
let admin: Api;
let member: Api;

beforeAll(async () => {
  app = await startTestApp();
  admin = app.api(await app.token('alice@contoso.test'));
  member = app.api(await app.token('bob@contoso.test'));
  // The catalogue the sandbox account has, synced at start (members see the one template they may pick).
  await eventually('the template catalogue to sync', async () => {
    const r = await member.get<Template[]>('/api/v1/templates');
    return r.body.length >= 1 ? r.body : null;
  });
});
afterAll(async () => app?.stop());

export const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../fixtures/whatsapp/${name}`, import.meta.url), 'utf8')) as Json;
const post = (name: string) => postWebhook(app.url, metaJson(fixture(name)));
const templates = async () => (await admin.get<AdminTemplate[]>('/api/v1/admin/templates')).body;
const template = async (name: string) =>
  (await templates()).find((t) => t.name === name && t.language === 'en_US');
const alerts = async () => (await admin.get<HealthAlert[]>('/api/v1/admin/alerts')).body;
const health = async () => (await admin.get<NumberHealth[]>('/api/v1/admin/numbers/health')).body[0]!;
const adminCards = async () =>
  (
    await app.sql<{ data: { kind: string; title: string } }>(
      `SELECT data FROM pgboss.job WHERE name = 'notify-admins' ORDER BY created_on`,
    )
  ).map((r) => r.data);
const archived = async (type: string) =>
  Number(
    (await app.sql<{ n: string }>(`SELECT count(*) AS n FROM archive_records WHERE type = $1`, [type]))[0]?.n,
  );
const rawBodies = async () =>
  Number((await app.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_events`))[0]?.n);

describe('message_template_status_update', () => {
  it('pauses the opt-in template at once: not offered, members told why, admins carded and bannered', async () => {
    const bodies = await rawBodies();
    expect((await post('template-status-paused.json')).status).toBe(200);
    expect(await rawBodies()).toBe(bodies + 1);

    expect(await template('bridgeline_opt_in')).toMatchObject({
      status: 'PAUSED',
      sendable: false,
      usedFor: ['opt_in'],
      category: 'UTILITY',
    });
    expect((await member.get<Template[]>('/api/v1/templates')).body.map((t) => t.name)).not.toContain(
      'bridgeline_opt_in',
    );
    const start = await member.post<{ code: string; detail: string }>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('template_unavailable');
    expect(start.body.detail).toMatch(/bridgeline_opt_in.*paused.*cannot be asked to opt in/);

    expect(await alerts()).toContainEqual(
      expect.objectContaining({
        kind: 'template_unsendable',
        severity: 'error',
        breaks: expect.stringMatching(/opt in/),
      }),
    );
    expect((await adminCards()).at(-1)).toMatchObject({ kind: 'template_unsendable' });
    expect(await archived('whatsapp.template')).toBeGreaterThanOrEqual(1);
  });

  it('offers the opt-in template again once Meta approves it, and tells the admins', async () => {
    expect((await post('template-status-approved.json')).status).toBe(200);
    expect(await template('bridgeline_opt_in')).toMatchObject({ status: 'APPROVED', sendable: true });
    expect((await adminCards()).at(-1)).toMatchObject({ kind: 'template_restored' });
    expect((await alerts()).filter((a) => a.kind === 'template_unsendable')).toEqual([]);
    const start = await member.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(start.status).toBe(201);
  });

  it('keeps a flagged resume template sendable with its disable date, and warns the admins', async () => {
    expect((await post('template-status-flagged.json')).status).toBe(200);
    expect(await template('bridgeline_resume')).toMatchObject({
      status: 'FLAGGED',
      sendable: true,
      disableDate: '2026-04-01T00:00:00.000Z',
      usedFor: ['resume'],
    });
    expect(await alerts()).toContainEqual(
      expect.objectContaining({ kind: 'template_flagged', severity: 'warning' }),
    );
    expect((await adminCards()).at(-1)).toMatchObject({ kind: 'template_flagged' });
  });
});

describe('message_template_quality_update', () => {
  it('keeps the new quality of a template no flow depends on, with no card', async () => {
    const cards = (await adminCards()).length;
    expect((await post('template-quality-red.json')).status).toBe(200);
    expect(await template('appointment_reminder')).toMatchObject({
      quality: 'RED',
      status: 'APPROVED',
      sendable: true,
    });
    expect((await adminCards()).length).toBe(cards);
  });
});

describe('phone_number_quality_update and account_update', () => {
  it('keeps a lower messaging limit, with its history, and cards the admins about the downgrade', async () => {
    expect((await post('phone-number-quality-downgrade.json')).status).toBe(200);
    const n = await health();
    expect(n).toMatchObject({ messagingLimit: 'TIER_250', phone: '+1 555 010 0001' });
    expect(n.history[0]).toMatchObject({ event: 'DOWNGRADE', messagingLimit: 'TIER_250', downgrade: true });
    expect((await adminCards()).at(-1)).toMatchObject({ kind: 'number_downgraded' });
    expect(await archived('whatsapp.number_health')).toBeGreaterThanOrEqual(1);
  });

  it('reads a FLAGGED number as quality RED', async () => {
    expect((await post('phone-number-quality-flagged.json')).status).toBe(200);
    expect(await health()).toMatchObject({ qualityRating: 'RED', messagingLimit: 'TIER_250' });
    expect(await alerts()).toContainEqual(expect.objectContaining({ kind: 'number_quality' }));
  });

  it('shows a restriction until it expires', async () => {
    expect((await post('account-update-restriction.json')).status).toBe(200);
    expect((await health()).restrictions).toEqual([
      { type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiresAt: '2026-03-09T13:59:20.000Z' },
    ]);
    expect(await alerts()).toContainEqual(
      expect.objectContaining({ kind: 'number_restricted', severity: 'error' }),
    );
    expect((await adminCards()).at(-1)).toMatchObject({ kind: 'number_downgraded' });
  });

  it('keeps a ban of the WABA on every one of its numbers', async () => {
    expect((await post('account-update-ban.json')).status).toBe(200);
    expect((await health()).restrictions.map((r) => r.type)).toContain('ACCOUNT_BANNED');
  });

  it('applies the good changes of a batch, keeps the odd ones raw, and still answers 200', async () => {
    const bodies = await rawBodies();
    expect((await post('account-changes-with-odd-items.json')).status).toBe(200);
    expect(await rawBodies()).toBe(bodies + 1);
    expect(await template('bridgeline_opt_in')).toMatchObject({ quality: 'YELLOW' });
    expect(await health()).toMatchObject({ messagingLimit: 'TIER_10K' });
  });

  it('answers 403 admin_only to a member', async () => {
    for (const path of ['/api/v1/admin/templates', '/api/v1/admin/numbers/health', '/api/v1/admin/alerts']) {
      const r = await member.get<{ code: string }>(path);
      expect([r.status, r.body.code]).toEqual([403, 'admin_only']);
    }
  });
});
