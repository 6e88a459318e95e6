import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import {
  ArchiveExportManifest,
  type ArchiveExport,
  type ArchiveExportFormat,
  type Message,
  type Thread,
} from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import {
  clientId,
  eventually,
  HOUR,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
} from '../../support/test-app.js';

/** An app whose DATA_DIR (media and export zips) is a folder of this test file's own. */
export async function startExportApp(): Promise<{ app: TestApp; dataDir: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bl-export-'));
  const app = await startTestApp({ env: { DATA_DIR: dataDir, ARCHIVE_EXPORT_MAX_DAYS: '30' } });
  return {
    app,
    dataDir,
    async stop() {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function aPng(size = 5): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data.fill(120);
  return PNG.sync.write(png);
}

export async function uploadImage(app: TestApp, token: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${app.url}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { mediaId: string }).mediaId);
}

/** What `conversations` made, for the tests to check exports against. */
export interface Seeded {
  tenantId: string;
  /** Alice's thread with Dana: two days, an image, Bob added on the second day. */
  first: { threadId: string; contactId: string; phone: string; image: Buffer; day1: string; day2: string };
  /** Another contact's message, in a thread of its own (the Unassigned queue). */
  second: { threadId: string; contactId: string; phone: string };
  ids: { alice: string; bob: string };
  /** The range that covers everything seeded. */
  from: string;
  to: string;
}

/**
 * Two conversations over two days: Alice opts a contact in, they talk, Alice sends an image; the next day the contact
 * writes again and Alice adds Bob; another contact writes once.
 */
export async function conversations(app: TestApp, aliceToken: string): Promise<Seeded> {
  const alice = app.api(aliceToken);
  const from = new Date(app.clock.now().getTime() - HOUR).toISOString();
  const members = (await alice.get<{ id: string; email: string }[]>('/api/v1/members')).body;
  const idOf = (email: string) => members.find((m) => m.email === email)!.id;
  const phone = newPhone();
  const t = (await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true }))
    .body;
  await app.settle();
  await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });
  const say = async (body: Record<string, unknown>) => {
    const r = await alice.post<Message>(`/api/v1/threads/${t.id}/messages`, {
      clientMessageId: clientId(),
      ...body,
    });
    expect(r.status).toBe(201);
    await app.settle();
  };
  await say({ text: 'Hello Dana, your statement follows' });
  const image = aPng(6);
  await say({ mediaId: await uploadImage(app, aliceToken, image), caption: 'Your statement' });
  await app.inbound(phone, { text: 'Thanks, got it' });
  const day1 = app.clock.now().toISOString().slice(0, 10);
  app.clock.advance(24 * HOUR);
  const day2 = app.clock.now().toISOString().slice(0, 10);
  await app.inbound(phone, { text: 'One more question' });
  expect(
    (
      await alice.post(`/api/v1/threads/${t.id}/members`, {
        memberId: idOf('bob@contoso.test'),
        shareHistory: true,
      })
    ).status,
  ).toBe(201);
  await say({ text: 'Bob will answer it' });
  const otherPhone = newPhone();
  const other = await app.inbound(otherPhone, { text: 'Hi, is anyone there?' });
  const [tenant] = await app.sql<{ tenant_id: string }>('SELECT tenant_id FROM threads WHERE id = $1', [
    t.id,
  ]);
  const [contacts] = await app.sql<{ a: string; b: string }>(
    'SELECT (SELECT contact_id FROM threads WHERE id = $1) AS a, (SELECT contact_id FROM threads WHERE id = $2) AS b',
    [t.id, other.threadId],
  );
  return {
    tenantId: tenant!.tenant_id,
    first: { threadId: t.id, contactId: contacts!.a, phone, image, day1, day2 },
    second: { threadId: other.threadId, contactId: contacts!.b, phone: otherPhone },
    ids: { alice: idOf('alice@contoso.test'), bob: idOf('bob@contoso.test') },
    from,
    to: new Date(app.clock.now().getTime() + HOUR).toISOString(),
  };
}

/** Starts an export and waits until its job has ended. */
export async function exported(
  app: TestApp,
  api: Api,
  body: { from: string; to: string; format: ArchiveExportFormat } & Record<string, unknown>,
): Promise<ArchiveExport> {
  const started = await api.post<ArchiveExport>('/api/v1/admin/archive/exports', body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('running');
  return eventually(`export ${started.body.id} to end`, async () => {
    const r = await api.get<ArchiveExport>(`/api/v1/admin/archive/exports/${started.body.id}`);
    return r.body.status === 'running' ? null : r.body;
  });
}

export async function download(app: TestApp, token: string, id: string): Promise<Response> {
  return fetch(`${app.url}/api/v1/admin/archive/exports/${id}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

export interface Unzipped {
  zip: JSZip;
  bytes: Buffer;
  manifest: ArchiveExportManifest;
  /** Every file but the manifest, by name. */
  files: Map<string, Buffer>;
}

/** A finished export, downloaded and opened. */
export async function downloaded(app: TestApp, token: string, id: string): Promise<Unzipped> {
  const res = await download(app, token, id);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="archive-.+\.zip"$/);
  const bytes = Buffer.from(await res.arrayBuffer());
  const zip = await JSZip.loadAsync(bytes);
  const manifestFile = zip.file('manifest.json');
  expect(manifestFile).not.toBeNull();
  const manifest = ArchiveExportManifest.parse(JSON.parse(await manifestFile!.async('string')));
  const files = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir && name !== 'manifest.json') files.set(name, await entry.async('nodebuffer'));
  return { zip, bytes, manifest, files };
}

type Row = { seq: string; type: string; hash: string; payload: { thread: { id: string } | null } };

/** The records an export of `scope` must hold, read straight from `archive_records`. */
export async function recordsOf(
  app: TestApp,
  scope: { tenantId: string; from: string; to: string; asOfSeq: number; where?: string; params?: unknown[] },
): Promise<Row[]> {
  return app.sql<Row>(
    `SELECT seq, type, hash, payload FROM archive_records
      WHERE tenant_id = $1 AND at >= $2 AND at < $3 AND seq <= $4 ${scope.where ? `AND ${scope.where}` : ''}
      ORDER BY seq`,
    [scope.tenantId, scope.from, scope.to, scope.asOfSeq, ...(scope.params ?? [])],
  );
}
