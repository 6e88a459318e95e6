import { createHash } from 'node:crypto';
import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES } from '@bridgeline/shared';
import type { MediaStore, Store } from '../ports/index.js';
import type { AppContext, Caller } from './context.js';
import { fail, ok, type Outcome } from './outcome.js';

/**
 * Images: members upload one before sending it (JPEG/PNG ≤ 5 MB, type sniffed from the bytes by the HTTP adapter),
 * contacts' images are downloaded from Meta by a job. Bytes live in the `MediaStore` under `{tenantId}/{sha256}`;
 * the `media` row says who may see them.
 */

export const mediaKey = (tenantId: string, sha256: string) => `${tenantId}/${sha256}`;

export function isImageType(mime: string | null): mime is (typeof IMAGE_MIME_TYPES)[number] {
  return mime !== null && (IMAGE_MIME_TYPES as readonly string[]).includes(mime);
}

export async function uploadMedia(
  ctx: AppContext<Pick<Store, 'media'>>,
  media: MediaStore,
  caller: Caller,
  file: { bytes: Uint8Array; sniffedMime: string | null },
): Promise<Outcome<{ mediaId: string }>> {
  if (file.bytes.length === 0) return fail('validation_failed', 'The file is empty.');
  if (file.bytes.length > MAX_IMAGE_BYTES) return fail('payload_too_large', 'Images may be at most 5 MB.');
  if (!isImageType(file.sniffedMime))
    return fail('validation_failed', 'The file is not a JPEG or PNG image.');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const storageKey = mediaKey(caller.tenantId, sha256);
  await media.put(storageKey, file.bytes);
  const row = await ctx.uow.run((store) =>
    store.media.create({
      tenantId: caller.tenantId,
      direction: 'out',
      state: 'stored',
      uploadedBy: caller.id,
      mimeType: file.sniffedMime,
      sizeBytes: file.bytes.length,
      sha256,
      storageKey,
      createdAt: ctx.clock.now(),
    }),
  );
  return ok({ mediaId: row.id });
}

/** The bytes of an image, to its uploader or to a member who can see a message that shows it; 404 to anyone else. */
export async function readMedia(
  ctx: AppContext<Pick<Store, 'media'>>,
  media: MediaStore,
  caller: Caller,
  mediaId: string,
): Promise<Outcome<{ bytes: Buffer; mimeType: string }>> {
  const row = await ctx.uow.run(async (store) => {
    const m = await store.media.byId(caller.tenantId, mediaId);
    if (!m || m.state !== 'stored' || !m.storageKey || !m.mimeType) return null;
    if (m.uploadedBy === caller.id) return m;
    return (await store.media.visibleInThread(caller.tenantId, mediaId, caller)) ? m : null;
  });
  if (!row?.storageKey || !row.mimeType) return fail('not_found');
  const bytes = await media.get(row.storageKey);
  return bytes ? ok({ bytes, mimeType: row.mimeType }) : fail('not_found');
}

/** Whether the caller may send this media id: their own upload, stored. */
export async function mediaForSending(
  store: Pick<Store, 'media'>,
  caller: Caller,
  mediaId: string,
): Promise<boolean> {
  const m = await store.media.byId(caller.tenantId, mediaId);
  return m !== null && m.state === 'stored' && m.direction === 'out' && m.uploadedBy === caller.id;
}

/** What downloading one inbound image from the provider gives: bytes and sniffed type, or a refusal not worth retrying. */
export type InboundMediaFetch = { ok: true; bytes: Buffer; mimeType: string } | { ok: false; reason: string };

/**
 * The `download-media` job: fetches a contact's image once, stores it, marks the row. A refusal (too large, not an
 * image, gone) marks it failed; anything else throws and the job is retried.
 */
export async function downloadInboundMedia(
  ctx: AppContext<Pick<Store, 'media' | 'numbers' | 'events'>>,
  media: MediaStore,
  fetchMedia: (providerMediaId: string, phoneNumberId: string | null) => Promise<InboundMediaFetch>,
  job: { tenantId: string; mediaId: string },
): Promise<'stored' | 'failed' | 'skipped'> {
  const found = await ctx.uow.run(async (store) => {
    const m = await store.media.byId(job.tenantId, job.mediaId);
    if (!m || m.state !== 'pending' || !m.providerMediaId) return null;
    const number = m.businessNumberId ? await store.numbers.byId(job.tenantId, m.businessNumberId) : null;
    return { providerMediaId: m.providerMediaId, phoneNumberId: number?.providerNumberId ?? null };
  });
  if (!found) return 'skipped';
  const fetched = await fetchMedia(found.providerMediaId, found.phoneNumberId);
  if (!fetched.ok || !isImageType(fetched.mimeType)) {
    const reason = fetched.ok ? `not an image (${fetched.mimeType})` : fetched.reason;
    await ctx.uow.run((store) => store.media.failed(job.mediaId, reason));
    return 'failed';
  }
  const sha256 = createHash('sha256').update(fetched.bytes).digest('hex');
  const storageKey = mediaKey(job.tenantId, sha256);
  await media.put(storageKey, fetched.bytes);
  await ctx.uow.run(async (store) => {
    const stored = await store.media.stored(job.mediaId, {
      storageKey,
      mimeType: fetched.mimeType,
      sizeBytes: fetched.bytes.length,
      sha256,
    });
    // The archive learns the image's SHA-256 only now (the message was archived when it arrived, image pending).
    if (stored)
      await store.events.append({
        tenantId: job.tenantId,
        type: 'media.stored',
        payload: {
          mediaId: job.mediaId,
          mimeType: fetched.mimeType,
          sizeBytes: fetched.bytes.length,
          sha256,
        },
        occurredAt: ctx.clock.now(),
      });
  });
  return 'stored';
}

/** For the gateway: the bytes of an outbound image, by our media id, to upload to the provider before sending. */
export async function loadOutboundMedia(
  ctx: AppContext<Pick<Store, 'media'>>,
  media: MediaStore,
  mediaId: string,
): Promise<{ bytes: Uint8Array; mimeType: string; filename: string }> {
  const row = await ctx.uow.run((store) => store.media.byIdAnyTenant(mediaId));
  if (!row?.storageKey || !row.mimeType) throw new Error(`media ${mediaId} is not stored`);
  const bytes = await media.get(row.storageKey);
  if (!bytes) throw new Error(`media ${mediaId} has no bytes`);
  return {
    bytes,
    mimeType: row.mimeType,
    filename: `${mediaId}.${row.mimeType === 'image/png' ? 'png' : 'jpg'}`,
  };
}
