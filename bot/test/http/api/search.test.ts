import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

/** Inbox search (issue 16, point 1): name, number written any way, or words of the messages the member can see. */

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

async function aliceThread(firstWords: string) {
  const phone = newPhone();
  const { threadId } = await app.inbound(phone, { text: firstWords });
  expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  return { threadId, phone };
}
const found = async (api: Api, query: string) =>
  (await api.get<{ items: Thread[] }>(`/api/v1/threads?query=${encodeURIComponent(query)}`)).body.items.map(
    (t) => t.id,
  );

describe('inbox search (issue 16)', () => {
  it('finds a thread by words of its messages, the last one typed as a prefix, in any case', async () => {
    const { threadId } = await aliceThread('About the Zanzibar mortgage renewal');
    const other = await aliceThread('Something unrelated');
    await alice.post<Message>(`/api/v1/threads/${other.threadId}/messages`, {
      clientMessageId: clientId(),
      text: 'nothing about islands',
    });
    expect(await found(alice, 'zanzibar MORTG')).toEqual([threadId]);
    expect(await found(alice, 'renewal zanzibar')).toEqual([threadId]);
    expect(await found(alice, 'zanzibar holiday')).toEqual([]);
  });

  it('finds a contact by their number written with spaces, dashes, dots or brackets', async () => {
    const { threadId, phone } = await aliceThread('hello');
    // +1415555NNNN written the ways people write it.
    const [cc, area, mid, last] = [phone.slice(1, 2), phone.slice(2, 5), phone.slice(5, 8), phone.slice(8)];
    for (const typed of [
      `+${cc} (${area}) ${mid}-${last}`,
      `${area}-${mid}-${last}`,
      `${area}.${mid}.${last}`,
      `00${cc} ${area} ${mid} ${last}`,
      `${mid} ${last}`,
    ]) {
      expect(await found(alice, typed), typed).toContain(threadId);
    }
  });

  it('does not find a thread by words written before the member joined without the history', async () => {
    const { threadId, phone } = await aliceThread('the secret Quetzalcoatl plan');
    app.clock.advance(1000);
    expect(
      (await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: bobId, shareHistory: false }))
        .status,
    ).toBe(201);
    app.clock.advance(1000);
    await app.inbound(phone, { text: 'a later Xochimilco word' });
    expect(await found(alice, 'quetzalcoatl')).toEqual([threadId]);
    expect(await found(bob, 'quetzalcoatl')).toEqual([]);
    expect(await found(bob, 'xochimilco')).toEqual([threadId]);
  });
});
