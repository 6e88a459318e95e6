import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@bridgeline/shared';
import { clientId, eventually, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';

/**
 * The deliver queue across pairs: one contact's slow or hanging send must never hold up another contact's messages,
 * and one contact's messages still leave in order, one at a time.
 */
let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

async function openThread() {
  const phone = newPhone();
  const { threadId } = await app.inbound(phone, { text: 'hi' });
  expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  return { threadId, phone };
}
const say = (threadId: string, text: string) =>
  alice.post<Message>(`/api/v1/threads/${threadId}/messages`, { clientMessageId: clientId(), text });
const sentTo = (phone: string) =>
  app.gateway.sent
    .filter((m) => m.to.phoneE164 === phone)
    .map((m) => (m.content.type === 'text' ? m.content.text : m.content.type));

describe('the deliver queue', () => {
  it('delivers other contacts’ messages while one contact’s send hangs with more of theirs waiting', async () => {
    const slow = await openThread();
    const other = await openThread();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    app.gateway.waitWhen((m) =>
      m.to.phoneE164 === slow.phone && m.content.type === 'text' && m.content.text === 'first' ? gate : null,
    );

    await say(slow.threadId, 'first');
    await eventually('the first message is being sent', async () => {
      const [row] = await app.sql<{ n: string }>(
        `SELECT count(*) AS n FROM messages WHERE thread_id = $1 AND status = 'sending'`,
        [slow.threadId],
      );
      return Number(row!.n) === 1;
    });
    // A second message for the hanging contact waits behind the first, with its own delivery job.
    await say(slow.threadId, 'second');
    await say(other.threadId, 'for someone else');

    await eventually('the other contact gets their message', async () =>
      sentTo(other.phone).includes('for someone else'),
    );
    expect(sentTo(slow.phone)).toEqual([]);

    release();
    await app.settle();
    expect(sentTo(slow.phone)).toEqual(['first', 'second']);
  });
});
