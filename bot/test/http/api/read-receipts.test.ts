import type { Thread } from '@bridgeline/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clientId,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
  eventually,
} from '../../support/test-app.js';

/**
 * Read receipts (blue ticks on the contact's phone): a member reading a thread marks the contact's latest message read
 * with Meta, through a job, at most once per message. Here the gateway is the in-memory fake, which keeps the wamids
 * it was asked to mark read.
 */
let app: TestApp;
let alice: Api;
let bob: Api;
let bobId: string;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/members')).body;
  bobId = members.find((m) => m.email === 'bob@contoso.test')!.id;
});
afterAll(async () => app?.stop());

/** Waits until no read-receipt job is waiting or running, so a test can say none more will come. */
async function receiptJobsDone(): Promise<void> {
  await eventually('read receipt jobs done', async () => {
    const [r] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'mark-read' AND state IN ('created', 'retry', 'active')`,
    );
    return Number(r!.n) === 0;
  });
}

const receiptsFor = (wamids: string[]) =>
  app.gateway.readReceipts
    .filter((r) => wamids.includes(r.providerMessageId))
    .map((r) => r.providerMessageId);

/** A contact who wrote `texts`, in a thread Alice claimed. */
async function aConversation(texts: string[]) {
  const phone = newPhone();
  const inbound = [];
  for (const text of texts) inbound.push(await app.inbound(phone, { text }));
  const threadId = inbound[0]!.threadId;
  expect((await alice.post<Thread>(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  return { threadId, inbound, phone };
}

describe('read receipts (POST /api/v1/threads/{id}/read)', () => {
  it("marks the contact's latest message read with Meta when a member reads the thread", async () => {
    const { threadId, inbound } = await aConversation(['First', 'Second']);
    expect(
      (await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: inbound[1]!.messageId })).status,
    ).toBe(204);
    const wamids = inbound.map((m) => m.providerMessageId);
    await eventually('a read receipt', async () => receiptsFor(wamids).length > 0);
    // The latest one only: WhatsApp shows every earlier message as read with it.
    expect(receiptsFor(wamids)).toEqual([inbound[1]!.providerMessageId]);
  });

  it("marks the contact's latest message read up to where the member read, not the business's own reply", async () => {
    const { threadId, inbound } = await aConversation(['Question?']);
    const reply = await alice.post<{ id: string }>(`/api/v1/threads/${threadId}/messages`, {
      clientMessageId: clientId(),
      text: 'Answer.',
    });
    await app.settle();
    await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: reply.body.id });
    const replyWamid = app.gateway.sent.find((m) => m.messageId === reply.body.id)!.providerMessageId;
    await eventually('a read receipt', async () => receiptsFor([inbound[0]!.providerMessageId]).length > 0);
    await receiptJobsDone();
    expect(receiptsFor([inbound[0]!.providerMessageId, replyWamid])).toEqual([inbound[0]!.providerMessageId]);
  });

  it('sends at most one read receipt per message, however often and by however many members it is read', async () => {
    const { threadId, inbound } = await aConversation(['Once']);
    expect((await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: bobId })).status).toBe(201);
    const upTo = { upTo: inbound[0]!.messageId };
    const wamids = [inbound[0]!.providerMessageId];
    await Promise.all([
      alice.post(`/api/v1/threads/${threadId}/read`, upTo),
      bob.post(`/api/v1/threads/${threadId}/read`, upTo),
    ]);
    await alice.post(`/api/v1/threads/${threadId}/read`, upTo);
    await eventually('a read receipt', async () => receiptsFor(wamids).length > 0);
    await receiptJobsDone();
    expect(receiptsFor(wamids)).toHaveLength(1);
  });

  it('sends a receipt again for a newer message from the contact', async () => {
    const { threadId, inbound, phone } = await aConversation(['One']);
    await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: inbound[0]!.messageId });
    await eventually(
      'the first receipt',
      async () => receiptsFor([inbound[0]!.providerMessageId]).length > 0,
    );
    const later = await app.inbound(phone, { text: 'Two' });
    expect(later.threadId).toBe(threadId);
    await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: later.messageId });
    await eventually('the second receipt', async () => receiptsFor([later.providerMessageId]).length > 0);
    await receiptJobsDone();
    expect(receiptsFor([inbound[0]!.providerMessageId, later.providerMessageId])).toEqual([
      inbound[0]!.providerMessageId,
      later.providerMessageId,
    ]);
  });

  it("answers the member's read at once while Meta is slow, and sends the receipt afterwards", async () => {
    const { threadId, inbound } = await aConversation(['Slow']);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    app.gateway.readReceiptAnswer = async () => {
      await slow;
      return { ok: true };
    };
    try {
      const started = Date.now();
      const res = await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: inbound[0]!.messageId });
      expect(res.status).toBe(204);
      expect(Date.now() - started).toBeLessThan(2_000);
      const thread = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
      expect(thread.body.unreadCount).toBe(0);
    } finally {
      release();
      app.gateway.readReceiptAnswer = null;
    }
    await eventually(
      'the receipt once Meta answers',
      async () => receiptsFor([inbound[0]!.providerMessageId]).length > 0,
    );
  });

  it("wakes this process's read-receipt worker as soon as the read commits, not at the worker's next poll", async () => {
    const { threadId, inbound } = await aConversation(['Wake up']);
    const nudge = vi.spyOn(app.running.jobs, 'nudge');
    try {
      expect(
        (await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: inbound[0]!.messageId })).status,
      ).toBe(204);
      // The member's answer comes after the commit, and the worker was woken by then.
      expect(nudge).toHaveBeenCalledWith('mark-read');
    } finally {
      nudge.mockRestore();
    }
    await eventually('the receipt', async () => receiptsFor([inbound[0]!.providerMessageId]).length > 0);
  });

  it('gives up a receipt Meta refuses for good instead of retrying it, and never blocks the member', async () => {
    const { threadId, inbound } = await aConversation(['Refused']);
    app.gateway.readReceiptAnswer = async () => ({
      ok: false,
      kind: 'permanent',
      code: '131009',
      title: 'Parameter value is not valid',
    });
    try {
      expect(
        (await alice.post(`/api/v1/threads/${threadId}/read`, { upTo: inbound[0]!.messageId })).status,
      ).toBe(204);
      await eventually('the attempt', async () => receiptsFor([inbound[0]!.providerMessageId]).length > 0);
      await receiptJobsDone();
      const [job] = await app.sql<{ state: string; retry_count: number }>(
        `SELECT state, retry_count FROM pgboss.job WHERE name = 'mark-read' AND data->>'messageId' = $1`,
        [inbound[0]!.messageId],
      );
      expect(job).toMatchObject({ state: 'completed', retry_count: 0 });
    } finally {
      app.gateway.readReceiptAnswer = null;
    }
  });
});
