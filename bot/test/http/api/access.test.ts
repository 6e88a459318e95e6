import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, Thread } from '@bridgeline/shared';
import {
  clientId,
  eventually,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
} from '../../support/test-app.js';

/**
 * Who may read (issue 11, findings 2 and 3): a member who is not enabled, or was disabled after joining, reads
 * nothing; an event stream lives only as long as the right to it.
 */

let app: TestApp;
let alice: Api;
let aliceToken: string;
let dave: Api;
let daveToken: string;

beforeAll(async () => {
  app = await startTestApp();
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
  daveToken = await app.token('dave@contoso.test');
  dave = app.api(daveToken);
});
afterAll(async () => app?.stop());

/** A new member of Contoso (us), enabled unless told otherwise, and their token. */
async function newMember(over: { enabled?: boolean; isAdmin?: boolean } = {}) {
  const email = `m-${randomUUID().slice(0, 8)}@contoso.test`;
  const created = await alice.post<{ id: string }>('/api/v1/admin/members', {
    email,
    displayName: `Member ${email}`,
    region: 'us',
    enabled: over.enabled ?? true,
    ...(over.isAdmin !== undefined ? { isAdmin: over.isAdmin } : {}),
  });
  expect(created.status).toBe(201);
  const token = await app.token(email);
  return { id: created.body.id, token, api: app.api(token) };
}

const disable = async (memberId: string) =>
  expect((await alice.patch(`/api/v1/admin/members/${memberId}`, { enabled: false })).status).toBe(200);

const say = (api: Api, threadId: string, text: string) =>
  api.post<Message>(`/api/v1/threads/${threadId}/messages`, { clientMessageId: clientId(), text });

const notEnabled = { status: 403, body: { code: 'not_enabled' } };

async function uploadPng(token: string) {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(120);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' }), 'a.png');
  const res = await fetch(`${app.url}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { mediaId?: string; code?: string } };
}

/** An open `GET /events`, read in the background: what it carried so far, and whether the server ended it. */
async function openStream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/v1/events?access_token=${encodeURIComponent(token)}`, {
    signal: controller.signal,
  });
  const stream = { status: res.status, text: '', ended: false, close: () => controller.abort() };
  if (res.status !== 200) {
    stream.text = await res.text();
    stream.ended = true;
    return stream;
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        stream.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted by the test.
    }
    stream.ended = true;
  })();
  await eventually('the stream to say it is connected', async () => stream.text.includes(': connected'));
  return stream;
}

describe('a member who is not enabled reads nothing (finding 2)', () => {
  it('a member who is not enabled reads no Unassigned thread, message or contact phone by id', async () => {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'anyone there?' });
    // The thread waits in the Unassigned queue of Dave's region, so only his enablement stands in the way.
    expect(
      (await app.api(await app.token('bob@contoso.test')).get(`/api/v1/threads/${threadId}`)).status,
    ).toBe(200);
    expect(await dave.get<Problem>(`/api/v1/threads/${threadId}`)).toMatchObject(notEnabled);
    expect(await dave.get<Problem>(`/api/v1/threads/${threadId}/messages`)).toMatchObject(notEnabled);
    expect(await dave.get<Problem>(`/api/v1/contacts?query=${encodeURIComponent(phone)}`)).toMatchObject(
      notEnabled,
    );
    expect(await dave.get<Problem>('/api/v1/contacts')).toMatchObject(notEnabled);
    expect(await dave.get<Problem>('/api/v1/members')).toMatchObject(notEnabled);
    expect(await dave.get<Problem>('/api/v1/templates')).toMatchObject(notEnabled);
  });

  it('a member who is not enabled opens no event stream', async () => {
    const stream = await openStream(daveToken);
    expect(stream.status).toBe(403);
    expect(JSON.parse(stream.text)).toMatchObject({ code: 'not_enabled' });
  });

  it('a member who is not enabled still learns who they are from GET /me, so the tab can say why', async () => {
    expect(await dave.get('/api/v1/me')).toMatchObject({
      status: 200,
      body: { email: 'dave@contoso.test', enabled: false },
    });
  });

  it('a member disabled after joining a thread reads nothing of it: thread, messages, contacts, images', async () => {
    const erin = await newMember();
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'hello' });
    expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
    const added = await alice.post(`/api/v1/threads/${threadId}/members`, {
      memberId: erin.id,
      shareHistory: true,
    });
    expect(added.status).toBe(201);
    const image = await uploadPng(erin.token);
    expect(image.status).toBe(201);
    expect((await erin.api.get(`/api/v1/threads/${threadId}/messages`)).status).toBe(200);

    await disable(erin.id);

    expect(await erin.api.get<Problem>(`/api/v1/threads/${threadId}`)).toMatchObject(notEnabled);
    expect(await erin.api.get<Problem>(`/api/v1/threads/${threadId}/messages`)).toMatchObject(notEnabled);
    expect(await erin.api.get<Problem>('/api/v1/threads')).toMatchObject(notEnabled);
    expect(await erin.api.get<Problem>('/api/v1/contacts')).toMatchObject(notEnabled);
    const own = await fetch(`${app.url}/api/v1/media/${image.body.mediaId}`, {
      headers: { authorization: `Bearer ${erin.token}` },
    });
    expect({ status: own.status, body: await own.json() }).toMatchObject(notEnabled);
    expect(await uploadPng(erin.token)).toMatchObject({ status: 403, body: { code: 'not_enabled' } });
  });

  it('every /api/v1 route refuses a member who is not enabled, except GET /me and the admin routes', async () => {
    const routes = Object.values(
      (
        app.running.server as unknown as {
          router: { getRoutes(): Record<string, { method: string; path: string }> };
        }
      ).router.getRoutes(),
    );
    const open = new Set(['GET /api/v1/me', 'GET /api/v1/config', 'POST /api/v1/dev/token']);
    const checked = routes.filter(
      (r) =>
        r.path.startsWith('/api/v1/') &&
        !open.has(`${r.method} ${r.path}`) &&
        !r.path.startsWith('/api/v1/admin/'),
    );
    // Threads, messages, members, contacts, templates, media, events: a new route is in this list by itself.
    expect(checked.length).toBeGreaterThan(15);
    const answers: Record<string, unknown> = {};
    for (const r of checked) {
      const path = r.path.replace(/:[a-zA-Z]+/g, () => randomUUID());
      const controller = new AbortController();
      const res = await fetch(app.url + path, {
        signal: controller.signal,
        method: r.method,
        headers: {
          authorization: `Bearer ${daveToken}`,
          ...(r.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        ...(r.method === 'GET' ? {} : { body: '{}' }),
      });
      // An event stream that opened would never end by itself.
      const body = res.headers.get('content-type')?.includes('json')
        ? ((await res.json()) as { code?: string })
        : { code: res.headers.get('content-type') };
      controller.abort();
      answers[`${r.method} ${r.path}`] = `${res.status} ${body.code}`;
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, '403 not_enabled'])));
  });

  it('an admin who is not enabled still manages members (and can enable themselves again)', async () => {
    const admin = await newMember({ enabled: false, isAdmin: true });
    expect((await admin.api.get('/api/v1/admin/members')).status).toBe(200);
    expect(await admin.api.get<Problem>('/api/v1/threads')).toMatchObject(notEnabled);
    expect(await dave.get<Problem>('/api/v1/admin/members')).toMatchObject({
      status: 403,
      body: { code: 'admin_only' },
    });
    const again = await admin.api.patch(`/api/v1/admin/members/${admin.id}`, { enabled: true });
    expect(again).toMatchObject({ status: 200, body: { enabled: true } });
    expect((await admin.api.get('/api/v1/threads')).status).toBe(200);
  });
});

describe('an event stream ends when the right to it ends (finding 3)', () => {
  it('ends the stream when its token expires', async () => {
    const [member] = await app.running.db.uow.run((store) =>
      store.members.byEmailAnyTenant('bob@contoso.test'),
    );
    const shortLived = await app.running.dev!.issue(member!, 1);
    const stream = await openStream(shortLived);
    expect(stream.status).toBe(200);
    await eventually('the stream to end once its token expired', async () => stream.ended);
  });

  it('ends the stream when the member is disabled', async () => {
    const frank = await newMember();
    const stream = await openStream(frank.token);
    expect(stream.status).toBe(200);
    await disable(frank.id);
    await eventually('the stream of a disabled member to end', async () => stream.ended);
  });

  it('keeps the stream of a member whose other details change, and follows their new region', async () => {
    const gina = await newMember();
    const stream = await openStream(gina.token);
    expect((await alice.patch(`/api/v1/admin/members/${gina.id}`, { displayName: 'Gina R.' })).status).toBe(
      200,
    );
    // Gina still sees a new Unassigned thread of her region: her stream is alive and carries it.
    const { threadId } = await app.inbound(newPhone(), { text: 'for the queue' });
    await eventually('the Unassigned thread on the stream', async () => stream.text.includes(threadId));
    expect(stream.ended).toBe(false);
    stream.close();
  });

  it('a member who left gets no further event of that thread, while a current member does', async () => {
    const hank = await newMember();
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'hi both' });
    expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
    expect(
      (await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: hank.id, shareHistory: true }))
        .status,
    ).toBe(201);
    // A second thread of Hank's alone: its event, sent last, shows his stream has seen everything before it.
    const other = await hank.api.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: newPhone(),
      sendOptIn: true,
    });
    expect(other.status).toBe(201);

    const hanks = await openStream(hank.token);
    const alices = await openStream(aliceToken);
    // Hank sees the thread's events while he belongs to it (and the cache now remembers "yes").
    const before = await say(alice, threadId, 'while Hank is here');
    await eventually('Hank sees a message while a member', async () => hanks.text.includes(before.body.id));

    expect((await hank.api.post(`/api/v1/threads/${threadId}/leave`)).status).toBe(200);
    const after = await say(alice, threadId, 'after Hank left');
    expect(after.status).toBe(201);
    await eventually('Alice sees the message', async () => alices.text.includes(after.body.id));
    const marker = await say(hank.api, other.body.id, 'marker');
    await eventually('Hank sees his own later thread', async () => hanks.text.includes(marker.body.id));

    expect(hanks.text).not.toContain(after.body.id);
    hanks.close();
    alices.close();
  });
});
