import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../src/domain/consent.js';
import { downloadInboundMedia } from '../../src/app/media.use-case.js';
import { FilesystemMediaStore } from '../../src/media/filesystem.media-store.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';
import {
  aBody,
  inboxDrained,
  messagesValue,
  metaJson,
  postWebhook,
  wamid,
} from '../whatsapp/webhook/webhook-builders.js';

let app: TestApp;
let alice: Api;
let aliceToken: string;
let outsiderToken: string;

function aPng(width = 4, height = 4): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(200);
  return PNG.sync.write(png);
}
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64),
]);

async function upload(token: string | null, bytes: Buffer, name = 'photo.png', type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${app.url}/api/v1/media`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const download = (token: string, id: string) =>
  fetch(`${app.url}/api/v1/media/${id}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  app = await startTestApp();
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
  const [tenant] = await app.sql<{ id: string }>(
    `INSERT INTO tenants (name) VALUES ('Fabrikam') RETURNING id`,
  );
  await app.sql(
    `INSERT INTO members (tenant_id, email, display_name, region, enabled) VALUES ($1, 'eve@fabrikam.test', 'Eve', 'us', true)`,
    [tenant!.id],
  );
  outsiderToken = await app.token('eve@fabrikam.test');
});
afterAll(async () => app?.stop());

describe('media upload (POST /api/v1/media)', () => {
  it('stores a PNG and gives it back, byte for byte, to its uploader', async () => {
    const png = aPng();
    const r = await upload(aliceToken, png);
    expect(r.status).toBe(201);
    const res = await download(aliceToken, String(r.body?.['mediaId']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const [row] = await app.sql<{ sha256: string; size_bytes: number; mime_type: string }>(
      `SELECT sha256, size_bytes, mime_type FROM media WHERE id = $1`,
      [r.body?.['mediaId']],
    );
    expect(row).toMatchObject({ size_bytes: png.length, mime_type: 'image/png' });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the type from the bytes, not from the name or the declared type', async () => {
    const r = await upload(aliceToken, JPEG, 'photo.png', 'image/png');
    expect(r.status).toBe(201);
    const [row] = await app.sql<{ mime_type: string }>(`SELECT mime_type FROM media WHERE id = $1`, [
      r.body?.['mediaId'],
    ]);
    expect(row?.mime_type).toBe('image/jpeg');
  });

  it('refuses a file that is not a JPEG or PNG whatever it claims to be', async () => {
    const r = await upload(aliceToken, Buffer.from('GIF89a' + 'x'.repeat(100)), 'cat.png', 'image/png');
    expect(r.status).toBe(400);
    const text = await upload(aliceToken, Buffer.from('just text'), 'note.jpg', 'image/jpeg');
    expect(text.status).toBe(400);
  });

  it('refuses an image over 5 MB with 413', async () => {
    const big = Buffer.concat([aPng(), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const r = await upload(aliceToken, big).catch(() => ({ status: 413, body: null }));
    expect(r.status).toBe(413);
  });

  it('refuses an upload without a token with 401', async () => {
    expect((await upload(null, aPng())).status).toBe(401);
  });
});

describe('media access (GET /api/v1/media/:id)', () => {
  it('answers 404 to a member of another tenant, as if the image did not exist', async () => {
    const r = await upload(aliceToken, aPng(5, 5));
    const res = await download(outsiderToken, String(r.body?.['mediaId']));
    expect(res.status).toBe(404);
    expect((await download(outsiderToken, randomUUID())).status).toBe(404);
  });

  it('answers 404 to a colleague who cannot see any thread that shows the image', async () => {
    const r = await upload(aliceToken, aPng(6, 6));
    const bob = await app.token('bob@contoso.test');
    expect((await download(bob, String(r.body?.['mediaId']))).status).toBe(404);
  });

  it('sends an uploaded image to the contact by its media id, with its caption', async () => {
    const phone = newPhone();
    const t = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
    await app.settle();
    const optIn = app.gateway.sent.find((m) => m.to.phoneE164 === phone)!;
    const accept = {
      from: phone.slice(1),
      id: wamid(),
      timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
      type: 'button',
      button: { payload: BUTTON_PAYLOADS.accept, text: 'Start' },
      context: { id: optIn.providerMessageId },
    };
    expect(
      (await postWebhook(app.url, metaJson(aBody([messagesValue(phone.slice(1), [accept])])))).status,
    ).toBe(200);
    await inboxDrained((text) => app.sql(text));
    const up = await upload(aliceToken, aPng(7, 7));
    const mediaId = String(up.body?.['mediaId']);
    const m = await alice.post<Message>(`/api/v1/threads/${t.body.id}/messages`, {
      clientMessageId: clientId(),
      mediaId,
      caption: 'Your statement',
    });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({ type: 'image', mediaId, text: 'Your statement' });
    await app.settle();
    const sent = app.gateway.sent.find((s) => s.messageId === m.body.id);
    expect(sent?.content).toEqual({ type: 'image', mediaId, caption: 'Your statement' });
  });

  it('refuses to send a media id the caller did not upload', async () => {
    const phone = newPhone();
    const t = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
    const m = await alice.post(`/api/v1/threads/${t.body.id}/messages`, {
      clientMessageId: clientId(),
      mediaId: randomUUID(),
    });
    expect(m.status).toBe(400);
  });
});

describe('inbound images (download-media job)', () => {
  async function inboundImage() {
    const phone = newPhone();
    const image = {
      from: phone.slice(1),
      id: wamid(),
      timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
      type: 'image',
      image: { id: `meta-${randomUUID()}`, mime_type: 'image/jpeg' },
    };
    expect(
      (await postWebhook(app.url, metaJson(aBody([messagesValue(phone.slice(1), [image])])))).status,
    ).toBe(200);
    await inboxDrained((text) => app.sql(text));
    const [row] = await app.sql<{ media_id: string; tenant_id: string }>(
      `SELECT media_id, tenant_id FROM messages WHERE provider_message_id = $1`,
      [image.id],
    );
    return { mediaId: row!.media_id, tenantId: row!.tenant_id, providerMediaId: image.image.id };
  }
  const files = new FilesystemMediaStore(join(tmpdir(), `bridgeline-media-${randomUUID()}`));
  const store = () => files;
  /** The app's own job tries first (against the sandbox, which does not know the id): wait for it to give up. */
  async function jobDone(mediaId: string) {
    for (let i = 0; i < 200; i++) {
      const [row] = await app.sql<{ state: string }>(`SELECT state FROM media WHERE id = $1`, [mediaId]);
      if (row?.state !== 'pending') return row?.state;
      await new Promise((r) => setTimeout(r, 50));
    }
    return 'pending';
  }

  it("wakes this process's download worker as soon as the contact's image is stored, not at the worker's next poll", async () => {
    const nudge = vi.spyOn(app.running.jobs, 'nudge');
    try {
      await inboundImage();
      expect(nudge).toHaveBeenCalledWith('download-media');
    } finally {
      nudge.mockRestore();
    }
  });

  it('stores the downloaded bytes once, with their sniffed type, size and sha256', async () => {
    const { mediaId, tenantId, providerMediaId } = await inboundImage();
    const png = aPng(3, 3);
    const asked: string[] = [];
    const fetchMedia = async (id: string) => {
      asked.push(id);
      return { ok: true as const, bytes: png, mimeType: 'image/png' };
    };
    expect(await jobDone(mediaId)).toBe('failed');
    await app.sql(`UPDATE media SET state = 'pending', error = NULL WHERE id = $1`, [mediaId]);
    expect(await downloadInboundMedia(app.running.ctx, store(), fetchMedia, { tenantId, mediaId })).toBe(
      'stored',
    );
    expect(await downloadInboundMedia(app.running.ctx, store(), fetchMedia, { tenantId, mediaId })).toBe(
      'skipped',
    );
    expect(asked).toEqual([providerMediaId]);
    const [row] = await app.sql<{ state: string; mime_type: string; size_bytes: number }>(
      `SELECT state, mime_type, size_bytes FROM media WHERE id = $1`,
      [mediaId],
    );
    expect(row).toEqual({ state: 'stored', mime_type: 'image/png', size_bytes: png.length });
  });

  it('marks an image Meta refuses or that is not an image as failed instead of retrying forever', async () => {
    const { mediaId, tenantId } = await inboundImage();
    expect(await jobDone(mediaId)).toBe('failed');
    await app.sql(`UPDATE media SET state = 'pending', error = NULL WHERE id = $1`, [mediaId]);
    const refused = async () => ({ ok: false as const, reason: 'Media is 6000000 bytes, over 5242880' });
    expect(await downloadInboundMedia(app.running.ctx, store(), refused, { tenantId, mediaId })).toBe(
      'failed',
    );
    const [row] = await app.sql<{ state: string; error: string }>(
      `SELECT state, error FROM media WHERE id = $1`,
      [mediaId],
    );
    expect(row).toEqual({ state: 'failed', error: 'Media is 6000000 bytes, over 5242880' });
  });

  it('lets a transient download failure throw, so the job queue retries it', async () => {
    const { mediaId, tenantId } = await inboundImage();
    expect(await jobDone(mediaId)).toBe('failed');
    await app.sql(`UPDATE media SET state = 'pending', error = NULL WHERE id = $1`, [mediaId]);
    const flaky = async (): Promise<never> => {
      throw new Error('socket hang up');
    };
    await expect(
      downloadInboundMedia(app.running.ctx, store(), flaky, { tenantId, mediaId }),
    ).rejects.toThrow('socket hang up');
  });
});
