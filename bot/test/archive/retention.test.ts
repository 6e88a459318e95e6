import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { ArchiveVerifyResult, LegalHold, Message, Thread } from '@bridgeline/shared';
import { purgeExpiredContent } from '../../src/app/compliance/retention.use-case.js';
import { verifyArchive } from '../../src/app/compliance/verify-archive.use-case.js';
import { BUTTON_PAYLOADS } from '../../src/domain/consent.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';

/**
 * Retention and legal hold on the real database (docs/archive.md): what the daily run removes and keeps, the
 * tombstone it leaves, and that the chain still verifies, while the database refuses any other change of a record.
 * One story, in order: conversations 31 days old under a 30-day retention, some of them held.
 */
let app: TestApp;
let alice: Api;
let aliceToken: string;
let ids: Record<'alice' | 'bob', string>;
let tenantId: string;
const DAY = 86_400_000;

type Row = { seq: string; type: string; payload: { content: unknown; contentSha256: string | null } };
type Conversation = { threadId: string; contactId: string; phone: string; messageIds: string[] };

function aPng(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data.fill(120);
  return PNG.sync.write(png);
}
async function upload(bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${app.url}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${aliceToken}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { mediaId: string }).mediaId;
}

/** Opt-in asked and accepted, a member's text (and image), the contact's answer: every kind of content. */
async function conversation(options: { addBob?: boolean; image?: Buffer } = {}): Promise<Conversation> {
  const phone = newPhone();
  const thread = (
    await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true })
  ).body;
  await app.settle();
  await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });
  if (options.addBob)
    expect(
      (await alice.post(`/api/v1/threads/${thread.id}/members`, { memberId: ids.bob, shareHistory: true }))
        .status,
    ).toBe(201);
  const said = await alice.post<Message>(`/api/v1/threads/${thread.id}/messages`, {
    clientMessageId: clientId(),
    text: `the words Alice wrote to ${phone}`,
  });
  expect(said.status).toBe(201);
  if (options.image) {
    const mediaId = await upload(options.image);
    const image = await alice.post(`/api/v1/threads/${thread.id}/messages`, {
      clientMessageId: clientId(),
      mediaId,
      caption: 'a caption',
    });
    expect(image.status).toBe(201);
  }
  await app.settle();
  await app.inbound(phone, { text: `the words ${phone} wrote back` });
  const messages = await app.sql<{ id: string }>('SELECT id FROM messages WHERE thread_id = $1', [thread.id]);
  return { threadId: thread.id, contactId: thread.contact.id, phone, messageIds: messages.map((m) => m.id) };
}

const run = () => purgeExpiredContent(app.running.archive.compliance, app.running.media);
const verify = (): Promise<ArchiveVerifyResult> => verifyArchive(app.running.archive.compliance, tenantId);
const tombstones = () =>
  app.sql<{ seq: string; at: Date; payload: { details: Record<string, unknown> } }>(
    `SELECT seq, at, payload FROM archive_records WHERE tenant_id = $1 AND type = 'retention.purged' ORDER BY seq`,
    [tenantId],
  );
/** The archive records of a conversation: of its messages, and the contact's consent answers. */
const recordsOf = (c: Conversation) =>
  app.sql<Row>(
    `SELECT r.seq, r.type, r.payload FROM archive_records r
      WHERE r.tenant_id = $1 AND ((r.payload->'message'->>'id') = ANY($2::text[]) OR r.payload->'contact'->>'id' = $3)
      ORDER BY r.seq`,
    [tenantId, c.messageIds, c.contactId],
  );
const wordsOf = async (c: Conversation) =>
  (await recordsOf(c)).filter((r) => r.payload.contentSha256 !== null).map((r) => r.payload.content);
const textsOf = async (c: Conversation) =>
  (
    await app.sql<{ text: string | null; sent_text: string | null }>(
      'SELECT text, sent_text FROM messages WHERE thread_id = $1 ORDER BY seq',
      [c.threadId],
    )
  ).flatMap((m) => [m.text, m.sent_text].filter((t) => t !== null));

let purged: Conversation;
let byContact: Conversation;
let byThread: Conversation;
let byMember: Conversation;
let young: Conversation;
let contactHold: LegalHold;
const photo = aPng(9);

beforeAll(async () => {
  app = await startTestApp();
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/members')).body;
  ids = {
    alice: members.find((m) => m.email === 'alice@contoso.test')!.id,
    bob: members.find((m) => m.email === 'bob@contoso.test')!.id,
  };
  tenantId = (
    await app.sql<{ tenant_id: string }>('SELECT tenant_id FROM members WHERE id = $1', [ids.alice])
  )[0]!.tenant_id;
  expect((await alice.put('/api/v1/admin/archive/settings', { retentionDays: 30 })).status).toBe(200);

  purged = await conversation({ image: photo });
  byContact = await conversation({ image: photo });
  byThread = await conversation();
  byMember = await conversation({ addBob: true });
  const hold = (scope: string, targetId: string) =>
    alice.post<LegalHold>('/api/v1/admin/legal-holds', { scope, targetId, reason: 'SEC inquiry' });
  contactHold = (await hold('contact', byContact.contactId)).body;
  expect((await hold('thread', byThread.threadId)).status).toBe(201);
  expect((await hold('member', ids.bob)).status).toBe(201);
  // One more word in the purged conversation, after the held ones: its record is far from the others, kept words
  // lie between them, so the tombstone must name two ranges and not one over the kept words.
  const late = await alice.post<Message>(`/api/v1/threads/${purged.threadId}/messages`, {
    clientMessageId: clientId(),
    text: 'one more thing',
  });
  expect(late.status).toBe(201);
  await app.settle();
  purged.messageIds.push(late.body.id);

  app.clock.advance(31 * DAY);
  young = await conversation();
}, 120_000);
afterAll(async () => app?.stop());

describe('retention (the daily archive-retention run)', () => {
  it('removes the words of conversations past the retention that no hold covers, keeping what they were', async () => {
    const before = await tombstones();
    await run();
    expect(await textsOf(purged)).toEqual([]);
    const words = await wordsOf(purged);
    expect(words.length).toBeGreaterThanOrEqual(4); // opt-in request, answer, text, image, reply
    expect(words.every((w) => w === null)).toBe(true);
    const [message] = await app.sql<{ content_purged_at: Date | null; provider_message_id: string | null }>(
      `SELECT content_purged_at, provider_message_id FROM messages WHERE thread_id = $1 AND direction = 'in' LIMIT 1`,
      [purged.threadId],
    );
    expect(message?.content_purged_at).not.toBeNull();
    expect(message?.provider_message_id).toMatch(/^wamid\./);
    expect((await tombstones()).length).toBe(before.length + 1);
  });

  it("marks a purged image's row purged (type, size and SHA-256 kept) and keeps bytes another image still shows", async () => {
    const rows = await app.sql<{
      thread_id: string;
      state: string;
      sha256: string;
      size_bytes: number;
      storage_key: string;
    }>(
      `SELECT m.thread_id, md.state, md.sha256, md.size_bytes, md.storage_key
         FROM messages m JOIN media md ON md.id = m.media_id WHERE m.thread_id = ANY($1::uuid[]) ORDER BY m.seq`,
      [[purged.threadId, byContact.threadId]],
    );
    const mine = rows.find((r) => r.thread_id === purged.threadId)!;
    const held = rows.find((r) => r.thread_id === byContact.threadId)!;
    expect(mine).toMatchObject({ state: 'purged', size_bytes: photo.length });
    expect(mine.sha256).toBe(held.sha256);
    expect(held.state).toBe('stored');
    expect(await app.running.media.get(held.storage_key)).not.toBeNull();
  });

  it('keeps everything a contact, a thread or a member hold covers, and everything within the retention', async () => {
    for (const c of [byContact, byThread, byMember, young]) {
      expect((await textsOf(c)).length).toBeGreaterThanOrEqual(2);
      expect((await wordsOf(c)).every((w) => w !== null)).toBe(true);
    }
  });

  it('leaves one tombstone that names the policy, the cutoff and the purged ranges, none covering kept words', async () => {
    const [tombstone] = await tombstones();
    const details = tombstone!.payload.details as { purged: [number, number][] } & Record<string, unknown>;
    expect(details).toMatchObject({
      policy: { retentionDays: 30 },
      before: new Date(app.clock.now().getTime() - 30 * DAY).toISOString(),
      media: 1,
    });
    expect(details.messages).toBeGreaterThanOrEqual(5);
    const inRanges = (seq: number) => details.purged.some(([from, to]) => seq >= from && seq <= to);
    for (const r of await recordsOf(purged))
      if (r.payload.contentSha256 !== null) expect(inRanges(Number(r.seq)), `record ${r.seq}`).toBe(true);
    const kept = await app.sql<{ seq: string }>(
      `SELECT seq FROM archive_records WHERE tenant_id = $1 AND payload->'content' <> 'null'::jsonb`,
      [tenantId],
    );
    expect(kept.filter((r) => inRanges(Number(r.seq)))).toEqual([]);
    expect(details.purged.length).toBeGreaterThanOrEqual(2);
  });

  it('still verifies as intact after the purge', async () => {
    expect(await verify()).toMatchObject({ intact: true, brokenAt: null });
  });

  it('a second run removes nothing and writes no tombstone', async () => {
    const before = await tombstones();
    const runs = await run();
    expect(runs.find((r) => r.tenantId === tenantId)).toMatchObject({
      messages: 0,
      records: 0,
      tombstones: 0,
    });
    expect(await tombstones()).toHaveLength(before.length);
  });

  it("releasing a hold lets the next run purge what it kept, the image's bytes now too, and the chain verifies", async () => {
    const [held] = await app.sql<{ storage_key: string }>(
      `SELECT md.storage_key FROM messages m JOIN media md ON md.id = m.media_id WHERE m.thread_id = $1`,
      [byContact.threadId],
    );
    expect((await alice.del(`/api/v1/admin/legal-holds/${contactHold.id}`)).status).toBe(200);
    await run();
    expect(await textsOf(byContact)).toEqual([]);
    expect((await wordsOf(byContact)).every((w) => w === null)).toBe(true);
    expect(await app.running.media.get(held!.storage_key)).toBeNull();
    expect((await textsOf(byThread)).length).toBeGreaterThanOrEqual(2);
    expect(await tombstones()).toHaveLength(2);
    expect(await verify()).toMatchObject({ intact: true });
  });
});

describe('the archive outside a purge', () => {
  it('refuses UPDATE and DELETE of a record by SQL, and any change under the purge switch but content → null', async () => {
    const [r] = await app.sql<{ seq: string }>(
      `SELECT seq FROM archive_records WHERE tenant_id = $1 AND payload->'content' <> 'null'::jsonb LIMIT 1`,
      [tenantId],
    );
    const where = [tenantId, r!.seq];
    await expect(
      app.sql(`UPDATE archive_records SET content = NULL WHERE tenant_id = $1 AND seq = $2`, where),
    ).rejects.toThrow(/append-only/);
    // payload is derived from sealed and content: the database writes it, nobody else.
    await expect(
      app.sql(
        `UPDATE archive_records SET payload = jsonb_set(payload, '{content}', 'null'::jsonb) WHERE tenant_id = $1 AND seq = $2`,
        where,
      ),
    ).rejects.toThrow(/can only be updated to DEFAULT/);
    await expect(
      app.sql('DELETE FROM archive_records WHERE tenant_id = $1 AND seq = $2', where),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.sql(
        `UPDATE archive_records SET content = '{"text":"edited"}'
          WHERE tenant_id = $1 AND seq = $2 AND set_config('bridgeline.retention_purge', 'on', true) = 'on'`,
        where,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.sql(
        `UPDATE archive_records SET content = NULL, type = 'x'
          WHERE tenant_id = $1 AND seq = $2 AND set_config('bridgeline.retention_purge', 'on', true) = 'on'`,
        where,
      ),
    ).rejects.toThrow(/append-only/);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('content removed without a retention record is reported by verify, at that record', async () => {
    const [r] = await app.sql<{ seq: string }>(
      `SELECT seq FROM archive_records WHERE tenant_id = $1 AND payload->'content' <> 'null'::jsonb
        ORDER BY seq DESC LIMIT 1`,
      [tenantId],
    );
    // What a database administrator could do by hand: the purge switch, without the tombstone that explains it.
    await app.sql(
      `UPDATE archive_records SET content = NULL
        WHERE tenant_id = $1 AND seq = $2 AND set_config('bridgeline.retention_purge', 'on', true) = 'on'`,
      [tenantId, r!.seq],
    );
    expect(await verify()).toMatchObject({
      intact: false,
      brokenAt: { seq: Number(r!.seq), reason: 'content removed without a retention record' },
    });
  });
});
