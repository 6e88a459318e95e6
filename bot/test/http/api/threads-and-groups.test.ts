import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, RejoinRequest, Thread } from '@bridgeline/shared';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let alice: Api;
let bob: Api;
let carol: Api;
let ids: Record<'alice' | 'bob' | 'carol' | 'dave', string>;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  carol = app.api(await app.token('carol@contoso.test'));
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/members')).body;
  const id = (e: string) => members.find((m) => m.email === e)!.id;
  ids = {
    alice: id('alice@contoso.test'),
    bob: id('bob@contoso.test'),
    carol: id('carol@contoso.test'),
    dave: id('dave@contoso.test'),
  };
});
afterAll(async () => app?.stop());

/** A thread of Alice's with a contact who wrote a minute ago (consent and window open). */
async function aliceThread() {
  const phone = newPhone();
  const { threadId } = await app.inbound(phone, { text: 'hi' });
  expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  return { threadId, phone };
}
const say = (api: Api, threadId: string, text: string) =>
  api.post<Message>(`/api/v1/threads/${threadId}/messages`, { clientMessageId: clientId(), text });
const texts = async (api: Api, threadId: string) =>
  (await api.get<{ items: Message[] }>(`/api/v1/threads/${threadId}/messages`)).body.items.map((m) => m.text);
const sentTo = (phone: string) =>
  app.gateway.sent
    .filter((m) => m.to.phoneE164 === phone)
    .flatMap((m) => (m.content.type === 'text' ? [m.content.text] : []));

describe('routing (product.md §6)', () => {
  it('opens an Unassigned thread for a contact who writes first, claimable by an enabled member of the region only', async () => {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'Hello?' });
    const queue = await bob.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned');
    expect(queue.body.items.map((t) => t.id)).toContain(threadId);
    expect((await carol.get<Problem>(`/api/v1/threads/${threadId}`)).status).toBe(404);
    expect((await carol.post<Problem>(`/api/v1/threads/${threadId}/claim`)).status).toBe(404);
    const claimed = await bob.post<Thread>(`/api/v1/threads/${threadId}/claim`);
    expect(claimed.body.members.map((m) => m.memberId)).toEqual([ids.bob]);
    expect((await alice.post<Problem>(`/api/v1/threads/${threadId}/claim`)).body.code).toBe('not_unassigned');
  });

  it('sends a reply-to to the thread of the quoted message, and other messages to the most recently active thread', async () => {
    const { threadId: first, phone } = await aliceThread();
    const second = (await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone })).body.id;
    await say(alice, first, 'question in the first thread');
    await app.settle();
    const quoted = app.gateway.sent.find(
      (m) => m.content.type === 'text' && m.content.text === 'question in the first thread',
    );
    app.clock.advance(1000);
    await say(alice, second, 'newer activity in the second thread');
    await app.settle();
    const plain = await app.inbound(phone, { text: 'another thing' });
    expect(plain.threadId).toBe(second);
    const reply = await app.inbound(phone, { text: 'answer', replyToProviderId: quoted!.providerMessageId });
    expect(reply.threadId).toBe(first);
  });
});

describe('group threads (product.md §7)', () => {
  it('shows a member added without shared history only what is said after they joined', async () => {
    const { threadId } = await aliceThread();
    await say(alice, threadId, 'before bob');
    app.clock.advance(1000);
    expect(
      (await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: false }))
        .status,
    ).toBe(201);
    app.clock.advance(1000);
    await say(alice, threadId, 'after bob');
    const seen = await texts(bob, threadId);
    expect(seen).toContain('after bob');
    expect(seen).not.toContain('before bob');
  });

  it('shows a member added with shared history the earlier messages', async () => {
    const { threadId } = await aliceThread();
    await say(alice, threadId, 'early words');
    app.clock.advance(1000);
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    expect(await texts(bob, threadId)).toContain('early words');
  });

  it('refuses a member of another region and a member who is not enabled, in words', async () => {
    const { threadId } = await aliceThread();
    const eu = await alice.post<Problem>(`/api/v1/threads/${threadId}/members`, {
      memberId: ids.carol,
      shareHistory: false,
    });
    expect(eu).toMatchObject({ status: 409, body: { code: 'region_mismatch' } });
    const off = await alice.post<Problem>(`/api/v1/threads/${threadId}/members`, {
      memberId: ids.dave,
      shareHistory: false,
    });
    expect(off.body.code).toBe('member_not_enabled');
    expect(off.body.title).toMatch(/not enabled/);
  });

  it("prefixes text to the contact with the sender's name once the thread has two members", async () => {
    const { threadId, phone } = await aliceThread();
    await say(alice, threadId, 'solo');
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    await say(bob, threadId, 'duo');
    await app.settle();
    expect(sentTo(phone)).toEqual(['solo', 'Bob Smith joined the conversation.', '*Bob Smith:* duo']);
  });

  it('tells members and the contact when someone leaves, and closes the thread when the last member leaves', async () => {
    const { threadId, phone } = await aliceThread();
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    await bob.post(`/api/v1/threads/${threadId}/leave`);
    await app.settle();
    expect(sentTo(phone)).toContain('Bob Smith left the conversation.');
    expect(await texts(alice, threadId)).toContain('Bob Smith left the conversation.');
    expect((await say(bob, threadId, 'still here?')).status).toBe(403);

    await alice.post(`/api/v1/threads/${threadId}/leave`);
    const closed = await alice.get<{ items: Thread[] }>('/api/v1/threads?state=closed');
    expect(closed.body.items.find((t) => t.id === threadId)?.state).toBe('closed');

    const next = await app.inbound(phone, { text: 'anyone?' });
    expect(next.threadId).not.toBe(threadId);
    const restarted = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone });
    expect(restarted.status).toBe(201);
    expect(restarted.body.consent).toBe('opted_in');
  });

  it('lets any member remove another', async () => {
    const { threadId } = await aliceThread();
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    const r = await bob.del<Thread>(`/api/v1/threads/${threadId}/members/${ids.alice}`);
    expect(r.status).toBe(200);
    expect(r.body.members.map((m) => m.memberId)).toEqual([ids.bob]);
    expect((await alice.get(`/api/v1/threads/${threadId}`)).status).toBe(200);
    expect((await say(alice, threadId, 'hello')).status).toBe(403);
  });

  it('transfers the contact: the target joins with history, the sender leaves, the contact hears who they talk to', async () => {
    const { threadId, phone } = await aliceThread();
    await say(alice, threadId, 'handing over');
    const r = await alice.post<Thread | null>(`/api/v1/threads/${threadId}/transfer`, { memberId: ids.bob });
    expect(r.status).toBe(200);
    expect(await texts(bob, threadId)).toContain('handing over');
    expect((await say(alice, threadId, 'me again')).status).toBe(403);
    await app.settle();
    expect(sentTo(phone)).toContain('You are now talking to Bob Smith.');
  });

  it('lets a member who left ask to rejoin, and a current member approve once', async () => {
    const { threadId } = await aliceThread();
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: false });
    await bob.post(`/api/v1/threads/${threadId}/leave`);
    const request = await bob.post<RejoinRequest>(`/api/v1/threads/${threadId}/rejoin-requests`);
    expect(request.status).toBe(201);
    expect((await bob.post<Problem>(`/api/v1/threads/${threadId}/rejoin-requests`)).body.code).toBe(
      'rejoin_pending',
    );
    const pending = await alice.get<RejoinRequest[]>(`/api/v1/threads/${threadId}/rejoin-requests`);
    expect(pending.body.map((p) => p.memberId)).toEqual([ids.bob]);
    const approved = await alice.post<Thread>(
      `/api/v1/threads/${threadId}/rejoin-requests/${request.body.id}/approve`,
    );
    expect(approved.body.members.map((m) => m.memberId).sort()).toEqual([ids.alice, ids.bob].sort());
    const again = await alice.post<Problem>(
      `/api/v1/threads/${threadId}/rejoin-requests/${request.body.id}/decline`,
    );
    expect(again.body.code).toBe('request_decided');
  });
});

describe('the API (api.md)', () => {
  it('pages the inbox newest first with a keyset cursor, without overlap', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      app.clock.advance(1000);
      made.push((await aliceThread()).threadId);
    }
    const first = await alice.get<{ items: Thread[]; nextCursor: string }>('/api/v1/threads?limit=4');
    expect(first.body.items.map((t) => t.id)).toEqual(made.slice(-4).reverse());
    const second = await alice.get<{ items: Thread[] }>(
      `/api/v1/threads?limit=4&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((t) => t.id).slice(0, 3)).toEqual(made.slice(0, 3).reverse());
  });

  it('counts unread messages from the contact per member until that member marks them read', async () => {
    const { threadId, phone } = await aliceThread();
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    await app.inbound(phone, { text: 'one' });
    const second = await app.inbound(phone, { text: 'two' });
    await say(alice, threadId, 'my own words are never unread');
    const unread = async (api: Api) =>
      (await api.get<Thread>(`/api/v1/threads/${threadId}`)).body.unreadCount;
    const inInbox = async (api: Api) =>
      (await api.get<{ items: Thread[] }>('/api/v1/threads')).body.items.find((t) => t.id === threadId)
        ?.unreadCount;
    expect(await inInbox(bob)).toBe(2);
    expect(await unread(bob)).toBe(2);
    expect((await bob.post(`/api/v1/threads/${threadId}/read`, { upTo: second.messageId })).status).toBe(204);
    expect(await inInbox(bob)).toBe(0);
    expect(await unread(bob)).toBe(0);
    expect(await inInbox(alice)).toBeGreaterThanOrEqual(2);
  });

  it('answers another tenant’s thread exactly like one that does not exist', async () => {
    const { threadId } = await aliceThread();
    await app.sql(`INSERT INTO tenants (name) VALUES ('Fabrikam')`);
    const [fab] = await app.sql<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Fabrikam'`);
    await app.sql(
      `INSERT INTO members (tenant_id, email, display_name, region, enabled) VALUES ($1, 'erin@fabrikam.test', 'Erin', 'us', true)`,
      [fab!.id],
    );
    const erin = app.api(await app.token('erin@fabrikam.test'));
    const theirs = await erin.get(`/api/v1/threads/${threadId}`);
    const missing = await erin.get('/api/v1/threads/00000000-0000-4000-8000-000000000000');
    expect(theirs).toEqual(missing);
    expect(theirs.status).toBe(404);
    expect(
      (await erin.post(`/api/v1/threads/${threadId}/messages`, { clientMessageId: clientId(), text: 'x' }))
        .status,
    ).toBe(404);
  });

  it('stores and sends a message once when the same clientMessageId is posted twice', async () => {
    const { threadId, phone } = await aliceThread();
    const body = { clientMessageId: clientId(), text: 'exactly once' };
    const a = await alice.post<Message>(`/api/v1/threads/${threadId}/messages`, body);
    const b = await alice.post<Message>(`/api/v1/threads/${threadId}/messages`, body);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
    await app.settle();
    expect(sentTo(phone).filter((t) => t === 'exactly once')).toHaveLength(1);
  });

  it('answers 403 not_enabled to a member who is not enabled, with a reason', async () => {
    const dave = app.api(await app.token('dave@contoso.test'));
    const r = await dave.get<Problem>('/api/v1/threads');
    expect(r).toMatchObject({ status: 403, body: { code: 'not_enabled' } });
    expect(r.body.title).toMatch(/Ask your Teams admin/);
  });

  it('shows a member’s new name in the threads they are in once an admin renames them', async () => {
    const { threadId } = await aliceThread();
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: ids.bob, shareHistory: true });
    expect(
      (await alice.patch(`/api/v1/admin/members/${ids.bob}`, { displayName: 'Robert Smith' })).status,
    ).toBe(200);
    const t = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(t.body.members.map((m) => m.displayName)).toContain('Robert Smith');
    await alice.patch(`/api/v1/admin/members/${ids.bob}`, { displayName: 'Bob Smith' });
  });

  it('lets only admins manage members', async () => {
    const denied = await bob.post<Problem>('/api/v1/admin/members', {
      email: 'x@contoso.test',
      displayName: 'X',
      region: 'us',
      enabled: true,
    });
    expect(denied.body.code).toBe('admin_only');
    const created = await alice.post('/api/v1/admin/members', {
      email: 'frank@contoso.test',
      displayName: 'Frank',
      region: 'uk',
      enabled: true,
    });
    expect(created.status).toBe(201);
  });

  it('rejects bad input with validation_failed naming the field, and stores nothing', async () => {
    const bad = await alice.post<Problem>('/api/v1/contacts', { phone: '12' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(bad.body.detail).toMatch(/phone/);
    const notANumber = await alice.post<Problem>('/api/v1/contacts', { phone: '+1 000 000 0000' });
    expect(notANumber.body.detail).toMatch(/is not a United States number in use/);
    const noAuth = await fetch(`${app.url}/api/v1/me`);
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('content-type')).toContain('application/problem+json');
  });

  it('resolves the 52 and 521 spellings of one Mexican number to one contact', async () => {
    const a = await alice.post<{ id: string; phone: string }>('/api/v1/contacts', {
      phone: '+52 1 55 1234 9999',
    });
    const { threadId } = await app.inbound('525512349999', { text: 'hola' });
    const t = await app.sql<{ contact_id: string }>('SELECT contact_id FROM threads WHERE id = $1', [
      threadId,
    ]);
    expect(a.body.phone).toBe('+525512349999');
    expect(t[0]?.contact_id).toBe(a.body.id);
  });

  it('stores a typed number in E.164 and answers the existing contact for the same number written differently', async () => {
    const a = await alice.post<{ id: string; phone: string }>('/api/v1/contacts', {
      phone: '+44 7911 123457',
      displayName: 'Sam',
    });
    const b = await alice.post<{ id: string; phone: string }>('/api/v1/contacts', {
      phone: '0044 7911-123-457',
    });
    expect(a.status).toBe(201);
    expect(a.body.phone).toBe('+447911123457');
    expect(b).toMatchObject({ status: 200, body: { id: a.body.id } });
  });

  it('streams live events of a thread to its members over SSE', async () => {
    const { threadId } = await aliceThread();
    const token = await app.token('alice@contoso.test');
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/v1/events?access_token=${token}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await say(alice, threadId, 'live!');
    let seen = '';
    const deadline = Date.now() + 5000;
    while (!seen.includes('message.created') && Date.now() < deadline) {
      const { value } = await reader.read();
      seen += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(seen).toContain(`"threadId":"${threadId}"`);
  });
});
