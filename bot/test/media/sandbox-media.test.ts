import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@bridgeline/shared';
import { eventually } from '../support/eventually.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';

/** Images both ways through the real Graph client and the simulated Cloud API (sandbox mode). */

let app: TestApp;
let alice: Api;
let aliceToken: string;

beforeAll(async () => {
  app = await startTestApp({ whatsapp: 'sandbox' });
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
});
afterAll(async () => app?.stop());

function aPng(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data.fill(90);
  return PNG.sync.write(png);
}

describe('images through the sandbox', () => {
  it("downloads a contact's image from the Cloud API into the media store, for the members who can see it", async () => {
    const phone = newPhone();
    const png = aPng(9);
    const r = await fetch(`${app.url}/sandbox/phone/chats/${phone.slice(1)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'image',
        data: png.toString('base64'),
        mimeType: 'image/png',
        caption: 'receipt',
      }),
    });
    expect(r.status).toBe(201);
    const media = await eventually('the image download', async () => {
      const [row] = await app.sql<{ id: string; state: string; sha256: string | null }>(
        `SELECT md.id, md.state, md.sha256 FROM messages m JOIN contacts c ON c.id = m.contact_id
           JOIN media md ON md.id = m.media_id WHERE c.phone_e164 = $1`,
        [phone],
      );
      return row && row.state !== 'pending' ? row : undefined;
    });
    expect(media.state).toBe('stored');
    const res = await fetch(`${app.url}/api/v1/media/${media.id}`, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('uploads a member image to the Cloud API first, then sends it by Meta media id', async () => {
    const phone = newPhone();
    await fetch(`${app.url}/sandbox/phone/chats/${phone.slice(1)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', text: 'Hello, can you send me the form?' }),
    });
    const threadId = await eventually('the inbound message', async () => {
      const [row] = await app.sql<{ thread_id: string }>(
        `SELECT m.thread_id FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.phone_e164 = $1`,
        [phone],
      );
      return row?.thread_id;
    });
    expect((await alice.post(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(aPng(11))], { type: 'image/png' }), 'form.png');
    const up = await fetch(`${app.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}` },
      body: form,
    });
    const { mediaId } = (await up.json()) as { mediaId: string };
    const sent = await alice.post<Message>(`/api/v1/threads/${threadId}/messages`, {
      clientMessageId: clientId(),
      mediaId,
      caption: 'The form',
    });
    expect(sent.status).toBe(201);
    await app.settle();
    const [row] = await app.sql<{ status: string; provider_message_id: string | null }>(
      `SELECT status, provider_message_id FROM messages WHERE id = $1`,
      [sent.body.id],
    );
    expect(row?.status).not.toBe('failed');
    expect(row?.provider_message_id).toMatch(/^wamid\./);
    const chat = (await (await fetch(`${app.url}/sandbox/phone/chats/${phone.slice(1)}`)).json()) as {
      messages: { type: string; text: string | null; imageUrl: string | null }[];
    };
    const image = chat.messages.find((m) => m.type === 'image');
    expect(image?.imageUrl).toBeTruthy();
  });
});
