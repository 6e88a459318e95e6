import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '@bridgeline/shared';
import {
  aConversation,
  aMedia,
  aMember,
  aMessage,
  fakeContext,
  memoryMediaStore,
} from '../../test/fakes/index.js';
import {
  downloadInboundMedia,
  loadOutboundMedia,
  readMedia,
  uploadMedia,
  type InboundMediaFetch,
} from './media.use-case.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('uploadMedia', () => {
  it('a JPEG or PNG is stored under its hash and answered with its media id', async () => {
    const w = fakeContext();
    const { alice, tenant } = aConversation(w);
    const bytes = memoryMediaStore();
    const result = await uploadMedia(w.ctx, bytes, alice, { bytes: PNG, sniffedMime: 'image/png' });
    expect(result).toMatchObject({ ok: true });
    expect(w.state.media).toMatchObject([
      { direction: 'out', state: 'stored', uploadedBy: alice.id, sizeBytes: 4 },
    ]);
    expect(bytes.keys()).toEqual([w.state.media[0]!.storageKey]);
    expect(w.state.media[0]!.storageKey).toMatch(new RegExp(`^${tenant.id}/[0-9a-f]{64}$`));
  });

  it('an empty file, a file over 5 MB and anything but JPEG or PNG are refused', async () => {
    const w = fakeContext();
    const { alice } = aConversation(w);
    const bytes = memoryMediaStore();
    expect(
      await uploadMedia(w.ctx, bytes, alice, { bytes: new Uint8Array(), sniffedMime: 'image/png' }),
    ).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    expect(await uploadMedia(w.ctx, bytes, alice, { bytes: big, sniffedMime: 'image/png' })).toMatchObject({
      ok: false,
      code: 'payload_too_large',
    });
    expect(await uploadMedia(w.ctx, bytes, alice, { bytes: PNG, sniffedMime: 'image/gif' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
    expect(w.state.media).toEqual([]);
    expect(bytes.keys()).toEqual([]);
  });
});

describe('readMedia', () => {
  async function stored() {
    const w = fakeContext();
    const scene = aConversation(w);
    const bytes = memoryMediaStore();
    const media = aMedia(w, scene.tenant.id, { uploadedBy: scene.alice.id, storageKey: 'k' });
    await bytes.put('k', PNG);
    return { w, ...scene, bytes, media };
  }

  it('the uploader reads their image', async () => {
    const { w, alice, bytes, media } = await stored();
    expect(await readMedia(w.ctx, bytes, alice, media.id)).toMatchObject({
      ok: true,
      value: { mimeType: 'image/png' },
    });
  });

  it('a member who can see a message showing the image reads it; anyone else gets 404', async () => {
    const { w, alice, bob, thread, bytes, media } = await stored();
    expect(await readMedia(w.ctx, bytes, bob, media.id)).toMatchObject({ ok: false, code: 'not_found' });
    aMessage(w, thread, { type: 'image', mediaId: media.id, senderMemberId: alice.id });
    w.state.participants.push({ ...w.state.participants[0]!, id: 'p-bob', memberId: bob.id });
    expect(await readMedia(w.ctx, bytes, bob, media.id)).toMatchObject({ ok: true });
  });

  it('an image not stored yet is not found', async () => {
    const { w, alice, bytes, tenant } = await stored();
    const pending = aMedia(w, tenant.id, { uploadedBy: alice.id, state: 'pending' });
    expect(await readMedia(w.ctx, bytes, alice, pending.id)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it("another tenant's member never reads it", async () => {
    const { w, bytes, media } = await stored();
    const stranger = aMember(w, '00000000-0000-4000-8000-999999999999');
    expect(await readMedia(w.ctx, bytes, stranger, media.id)).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('downloadInboundMedia', () => {
  function pending() {
    const w = fakeContext();
    const scene = aConversation(w);
    const media = aMedia(w, scene.tenant.id, {
      direction: 'in',
      state: 'pending',
      providerMediaId: 'meta-media-1',
      businessNumberId: scene.number.id,
      storageKey: null,
      mimeType: null,
    });
    return { w, ...scene, media, job: { tenantId: scene.tenant.id, mediaId: media.id } };
  }

  it("a contact's image is fetched once, from the number it came to, and stored", async () => {
    const { w, media, number, job } = pending();
    const bytes = memoryMediaStore();
    const asked: unknown[] = [];
    const fetchMedia = async (id: string, phone: string | null): Promise<InboundMediaFetch> => {
      asked.push([id, phone]);
      return { ok: true, bytes: Buffer.from(PNG), mimeType: 'image/png' };
    };
    expect(await downloadInboundMedia(w.ctx, bytes, fetchMedia, job)).toBe('stored');
    expect(asked).toEqual([['meta-media-1', number.providerNumberId]]);
    expect(w.state.media.find((m) => m.id === media.id)).toMatchObject({
      state: 'stored',
      mimeType: 'image/png',
    });
    expect(await downloadInboundMedia(w.ctx, bytes, fetchMedia, job)).toBe('skipped');
    expect(asked).toHaveLength(1);
  });

  it("the archive learns a contact's image's SHA-256 once it is stored, and only then", async () => {
    const { w, media, job } = pending();
    const fetchMedia = async (): Promise<InboundMediaFetch> => ({
      ok: true,
      bytes: Buffer.from(PNG),
      mimeType: 'image/png',
    });
    await downloadInboundMedia(w.ctx, memoryMediaStore(), fetchMedia, job);
    await downloadInboundMedia(w.ctx, memoryMediaStore(), fetchMedia, job);
    const stored = w.state.events.filter((e) => e.type === 'media.stored');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.payload).toEqual({
      mediaId: media.id,
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      sha256: w.state.media.find((m) => m.id === media.id)?.sha256,
    });
  });

  it('what is not an image is marked failed, not retried', async () => {
    const { w, media, job } = pending();
    const fetchMedia = async (): Promise<InboundMediaFetch> => ({
      ok: true,
      bytes: Buffer.from('x'),
      mimeType: 'text/plain',
    });
    expect(await downloadInboundMedia(w.ctx, memoryMediaStore(), fetchMedia, job)).toBe('failed');
    expect(w.state.media.find((m) => m.id === media.id)).toMatchObject({
      state: 'failed',
      error: 'not an image (text/plain)',
    });
  });
});

describe('loadOutboundMedia', () => {
  it('the gateway gets the bytes of an outbound image with a file name of its type', async () => {
    const w = fakeContext();
    const { alice, tenant } = aConversation(w);
    const bytes = memoryMediaStore();
    const media = aMedia(w, tenant.id, { uploadedBy: alice.id, storageKey: 'k', mimeType: 'image/jpeg' });
    await bytes.put('k', PNG);
    expect(await loadOutboundMedia(w.ctx, bytes, media.id)).toMatchObject({
      mimeType: 'image/jpeg',
      filename: `${media.id}.jpg`,
    });
    await expect(loadOutboundMedia(w.ctx, memoryMediaStore(), media.id)).rejects.toThrow(/no bytes/);
  });
});
