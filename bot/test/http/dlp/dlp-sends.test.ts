import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { DlpReview, DlpRuleView, Message, Problem, Thread } from '@bridgeline/shared';
import { clientId, HOUR, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let alice: Api;
let aliceToken: string;

beforeAll(async () => {
  app = await startTestApp();
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
});
afterAll(async () => app?.stop());

const CARD = '4111 1111 1111 1111';
const records = (type: string, messageId?: string) =>
  app.sql<{
    payload: {
      details: Record<string, unknown>;
      content: Record<string, unknown> | null;
      message: { id: string } | null;
    };
  }>(
    `SELECT payload FROM archive_records WHERE type = $1 AND ($2::text IS NULL OR payload->'message'->>'id' = $2)
      ORDER BY seq`,
    [type, messageId ?? null],
  );
const sentTo = (phone: string) => app.gateway.sent.filter((m) => m.to.phoneE164 === phone);
const messages = async (threadId: string) =>
  (await alice.get<{ items: Message[] }>(`/api/v1/threads/${threadId}/messages`)).body.items;

async function withRule(rule: object, work: (rule: DlpRuleView) => Promise<void>) {
  const r = await alice.post<DlpRuleView>('/api/v1/admin/dlp-rules', rule);
  expect(r.status).toBe(201);
  try {
    await work(r.body);
  } finally {
    await alice.del(`/api/v1/admin/dlp-rules/${r.body.id}`);
  }
}
const cards = (action: string) => ({ name: 'Cards', kind: 'detector', detector: 'credit_card', action });

/** A thread of Alice's with a contact who wrote `hoursAgo` hours ago (opted in by writing). */
async function conversation(hoursAgo = 1) {
  const phone = newPhone();
  const { threadId } = await app.inbound(phone, {
    text: 'hello',
    sentAt: new Date(app.clock.now().getTime() - hoursAgo * HOUR),
  });
  expect((await alice.post<Thread>(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  return { threadId, phone };
}
const send = (threadId: string, body: object) =>
  alice.post<Message & Partial<Pick<Problem, 'code' | 'detail' | 'rule'>>>(
    `/api/v1/threads/${threadId}/messages`,
    {
      clientMessageId: clientId(),
      ...body,
    },
  );

async function uploadPng() {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(120);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' }), 'a.png');
  const res = await fetch(`${app.url}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${aliceToken}` },
    body: form,
  });
  return ((await res.json()) as { mediaId: string }).mediaId;
}

describe('DLP on the tab composer’s send (POST /threads/:id/messages)', () => {
  it('blocks a message a block rule matches: 422 dlp_blocked with the rule and why, nothing stored or sent, a dlp.blocked record', async () => {
    const { threadId, phone } = await conversation();
    await withRule(cards('block'), async () => {
      const r = await send(threadId, { text: `my card is ${CARD}` });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'dlp_blocked', rule: 'Cards' });
      expect(r.body.detail).toMatch(
        /Rule “Cards” found a payment card number \(•••• •••• •••• 1111\): the message is not sent/,
      );
      await app.settle();
      expect(sentTo(phone)).toHaveLength(0);
      expect((await messages(threadId)).filter((m) => m.direction === 'out')).toHaveLength(0);
      const [blocked] = (await records('dlp.blocked')).slice(-1);
      expect(blocked?.payload.details).toMatchObject({ rule: 'Cards', kind: 'text' });
      expect(blocked?.payload.content).toEqual({ text: `my card is ${CARD}` });
    });
  });

  it('redacts what a redact rule matches in what is sent, stored and shown; the original is in the archive only', async () => {
    const { threadId, phone } = await conversation();
    await withRule(cards('redact'), async () => {
      const r = await send(threadId, { text: `card ${CARD} thanks` });
      expect(r.status).toBe(201);
      expect(r.body.text).toBe('card [redacted] thanks');
      await app.settle();
      expect(sentTo(phone).at(-1)?.content).toEqual({ type: 'text', text: 'card [redacted] thanks' });
      const stored = await app.sql<{ text: string }>('SELECT text FROM messages WHERE id = $1', [r.body.id]);
      expect(stored).toEqual([{ text: 'card [redacted] thanks' }]);
      expect((await records('message.out', r.body.id))[0]?.payload.content).toEqual({
        text: 'card [redacted] thanks',
      });
      const [original] = await records('message.original', r.body.id);
      expect(original?.payload.content).toEqual({ text: `card ${CARD} thanks` });
      expect(await records('dlp.redacted', r.body.id)).toHaveLength(1);
      const anywhere = await app.sql(
        `SELECT 1 FROM messages WHERE text LIKE '%4111%' UNION ALL SELECT 1 FROM domain_events WHERE payload::text LIKE '%4111%'`,
      );
      expect(anywhere).toHaveLength(0);
    });
  });

  it('sends a flagged message as written, marks it with the rule and opens a review', async () => {
    const { threadId, phone } = await conversation();
    await withRule({ name: 'Codenames', kind: 'keyword', keywords: ['falcon'], action: 'flag' }, async () => {
      const r = await send(threadId, { text: 'The Falcon numbers are in' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ text: 'The Falcon numbers are in', flags: [{ ruleName: 'Codenames' }] });
      await app.settle();
      expect(sentTo(phone).at(-1)?.content).toEqual({ type: 'text', text: 'The Falcon numbers are in' });
      expect((await messages(threadId)).find((m) => m.id === r.body.id)?.flags).toEqual([
        { ruleName: 'Codenames' },
      ]);
      const open = await alice.get<{ items: DlpReview[] }>('/api/v1/admin/reviews?state=open');
      expect(open.body.items.find((i) => i.messageId === r.body.id)).toMatchObject({
        threadId,
        ruleName: 'Codenames',
        state: 'open',
        text: 'The Falcon numbers are in',
      });
      expect(await records('dlp.flagged', r.body.id)).toHaveLength(1);
    });
  });

  it('sends a message no rule matches unchanged and unmarked', async () => {
    const { threadId } = await conversation();
    await withRule(cards('block'), async () => {
      const r = await send(threadId, { text: 'card 4111 1111 1111 1112 is not a card' });
      expect(r.status).toBe(201);
      expect(r.body.flags).toBeUndefined();
    });
  });
});

describe('DLP on image captions and template parameters', () => {
  it('blocks, redacts and flags an image’s caption like a text', async () => {
    const { threadId, phone } = await conversation();
    await withRule(cards('block'), async () => {
      const r = await send(threadId, { mediaId: await uploadPng(), caption: `receipt ${CARD}` });
      expect(r).toMatchObject({ status: 422, body: { code: 'dlp_blocked', rule: 'Cards' } });
    });
    await withRule(cards('redact'), async () => {
      const r = await send(threadId, { mediaId: await uploadPng(), caption: `receipt ${CARD}` });
      expect(r.status).toBe(201);
      expect(r.body.text).toBe('receipt [redacted]');
      await app.settle();
      expect(sentTo(phone).at(-1)?.content).toMatchObject({ type: 'image', caption: 'receipt [redacted]' });
      expect((await records('message.original', r.body.id))[0]?.payload.content).toEqual({
        text: `receipt ${CARD}`,
      });
    });
    await withRule(cards('flag'), async () => {
      const r = await send(threadId, { mediaId: await uploadPng(), caption: `receipt ${CARD}` });
      expect(r.body.flags).toEqual([{ ruleName: 'Cards' }]);
    });
  });

  it('checks each template parameter: blocked, or sent with the parameter redacted and the original archived', async () => {
    const { threadId, phone } = await conversation(30);
    const template = (who: string) => ({
      template: { name: 'appointment_reminder', language: 'en_US', parameters: [who, 'Monday'] },
    });
    await withRule(cards('block'), async () => {
      const r = await send(threadId, template(`card ${CARD}`));
      expect(r).toMatchObject({ status: 422, body: { code: 'dlp_blocked', rule: 'Cards' } });
    });
    await withRule(cards('redact'), async () => {
      const r = await send(threadId, template(`card ${CARD}`));
      expect(r.status).toBe(201);
      expect(r.body.template?.parameters).toEqual(['card [redacted]', 'Monday']);
      await app.settle();
      expect(sentTo(phone).at(-1)?.content).toMatchObject({
        type: 'template',
        template: { parameters: ['card [redacted]', 'Monday'] },
      });
      const [original] = await records('message.original', r.body.id);
      expect(original?.payload.content).toEqual({ templateParameters: [`card ${CARD}`, 'Monday'] });
    });
  });
});

describe('DLP on held messages when they are released', () => {
  it('checks held messages again at release when the rules changed meanwhile: blocked ones fail and are not sent, redacted ones go redacted', async () => {
    const { threadId, phone } = await conversation(25);
    const blocked = await send(threadId, { text: 'the Falcon plan' });
    const redacted = await send(threadId, { text: `pay with ${CARD}` });
    const flagged = await send(threadId, { text: 'see the heron memo' });
    const clean = await send(threadId, { text: 'see you soon' });
    for (const r of [blocked, redacted, flagged, clean]) expect(r.body.status).toBe('held');
    await withRule(
      { name: 'Codenames', kind: 'keyword', keywords: ['falcon'], action: 'block' },
      async () => {
        await withRule(cards('redact'), async () => {
          await withRule(
            { name: 'Birds', kind: 'keyword', keywords: ['heron'], action: 'flag' },
            async () => {
              await app.inbound(phone, { text: 'back again' });
              await app.settle();
              const texts = sentTo(phone).flatMap((m) => (m.content.type === 'text' ? [m.content.text] : []));
              expect(texts).toEqual(['pay with [redacted]', 'see the heron memo', 'see you soon']);
              const shown = await messages(threadId);
              expect(shown.find((m) => m.id === blocked.body.id)).toMatchObject({
                status: 'failed',
                error: { code: 'dlp_blocked' },
              });
              expect(shown.find((m) => m.id === flagged.body.id)?.flags).toEqual([{ ruleName: 'Birds' }]);
              expect((await records('dlp.blocked', blocked.body.id))[0]?.payload.content).toEqual({
                text: 'the Falcon plan',
              });
              expect((await records('message.original', redacted.body.id))[0]?.payload.content).toEqual({
                text: `pay with ${CARD}`,
              });
            },
          );
        });
      },
    );
  });
});

describe('DLP on inbound messages (display only)', () => {
  it('redacts an inbound rule’s matches where members see the message, and keeps the stored and archived text whole', async () => {
    await withRule({ ...cards('redact'), direction: 'inbound' }, async () => {
      const phone = newPhone();
      const { threadId, messageId } = await app.inbound(phone, { text: `my card ${CARD}` });
      const queue = await alice.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned');
      expect(queue.body.items.find((t) => t.id === threadId)?.lastMessage?.text).toBe('my card [redacted]');
      await alice.post(`/api/v1/threads/${threadId}/claim`);
      const shown = (await messages(threadId)).find((m) => m.id === messageId);
      expect(shown).toMatchObject({ text: 'my card [redacted]', redacted: true });
      expect(await app.sql('SELECT text FROM messages WHERE id = $1', [messageId])).toEqual([
        { text: `my card ${CARD}` },
      ]);
      expect((await records('message.in', messageId))[0]?.payload.content).toEqual({
        text: `my card ${CARD}`,
      });
      // An inbound-only rule does not read what members send.
      expect((await send(threadId, { text: `card ${CARD}` })).body.text).toBe(`card ${CARD}`);
    });
  });

  it('shows a thread’s last message redacted for display in GET /threads/:id, as the list does', async () => {
    await withRule({ ...cards('redact'), direction: 'inbound' }, async () => {
      const { threadId } = await app.inbound(newPhone(), { text: `card ${CARD} again` });
      const one = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
      expect(one.body.lastMessage?.text).toBe('card [redacted] again');
    });
  });
});

describe('the review queue (GET /admin/reviews, POST /admin/reviews/:id/resolve)', () => {
  it('clears or escalates a flagged message with a note, once, and archives each decision', async () => {
    const { threadId } = await conversation();
    await withRule({ name: 'Codenames', kind: 'keyword', keywords: ['osprey'], action: 'flag' }, async () => {
      const a = await send(threadId, { text: 'Osprey one' });
      const b = await send(threadId, { text: 'Osprey two' });
      const open = (await alice.get<{ items: DlpReview[] }>('/api/v1/admin/reviews?state=open')).body.items;
      const ra = open.find((i) => i.messageId === a.body.id)!;
      const rb = open.find((i) => i.messageId === b.body.id)!;
      const cleared = await alice.post<DlpReview>(`/api/v1/admin/reviews/${ra.id}/resolve`, {
        outcome: 'cleared',
        note: 'public name',
      });
      expect(cleared.body).toMatchObject({ state: 'resolved', outcome: 'cleared', note: 'public name' });
      expect(cleared.body.resolvedBy?.displayName).toBeTruthy();
      await alice.post(`/api/v1/admin/reviews/${rb.id}/resolve`, { outcome: 'escalated', note: 'ask legal' });
      const again = await alice.post<Problem>(`/api/v1/admin/reviews/${ra.id}/resolve`, {
        outcome: 'escalated',
      });
      expect(again).toMatchObject({ status: 409, body: { code: 'request_decided' } });
      const resolved = (await alice.get<{ items: DlpReview[] }>('/api/v1/admin/reviews?state=resolved')).body
        .items;
      expect(resolved.map((r) => r.id)).toEqual(expect.arrayContaining([ra.id, rb.id]));
      const stillOpen = (await alice.get<{ items: DlpReview[] }>('/api/v1/admin/reviews?state=open')).body
        .items;
      expect(stillOpen.map((r) => r.id)).not.toContain(ra.id);
      const archived = await records('dlp.review_resolved');
      expect(archived.map((r) => r.payload.details)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reviewId: ra.id, outcome: 'cleared', note: 'public name' }),
          expect.objectContaining({ reviewId: rb.id, outcome: 'escalated', note: 'ask legal' }),
        ]),
      );
    });
  });

  it('refuses an unknown outcome with 400 and an unknown review with 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000002';
    expect(
      (await alice.post<Problem>(`/api/v1/admin/reviews/${missing}/resolve`, { outcome: 'maybe' })).status,
    ).toBe(400);
    expect(
      (await alice.post<Problem>(`/api/v1/admin/reviews/${missing}/resolve`, { outcome: 'cleared' })).status,
    ).toBe(404);
  });
});
