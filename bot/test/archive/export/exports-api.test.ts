import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveExportManifest, type ArchiveExport, type Problem } from '@bridgeline/shared';
import {
  exportArchiveToFile,
  runArchiveExport,
} from '../../../src/app/compliance/run-archive-export.use-case.js';
import { HOUR, type Api, type TestApp } from '../../support/test-app.js';
import {
  conversations,
  download,
  downloaded,
  exported,
  startExportApp,
  type Seeded,
} from './export-support.js';

/**
 * The export routes (docs/api.md, "Compliance archive"): for admins only, within their tenant, input checked at the
 * edge, a zip offered only once whole, and every export archived in the chain it exports.
 */
let env: Awaited<ReturnType<typeof startExportApp>>;
let app: TestApp;
let aliceToken: string;
let alice: Api;
let bob: Api;
let eve: Api;
let seeded: Seeded;
const other = { tenantId: '', threadId: '', contactId: '', memberId: '' };
const EXPORTS = '/api/v1/admin/archive/exports';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  env = await startExportApp();
  app = env.app;
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
  bob = app.api(await app.token('bob@contoso.test'));
  seeded = await conversations(app, aliceToken);
  // Fabrikam: another tenant, with an admin of its own, a contact and a thread.
  const [t] = await app.sql<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Fabrikam') RETURNING id`);
  other.tenantId = t!.id;
  const [m] = await app.sql<{ id: string }>(
    `INSERT INTO members (tenant_id, email, display_name, region, enabled, is_admin)
     VALUES ($1, 'eve@fabrikam.test', 'Eve', 'us', true, true) RETURNING id`,
    [other.tenantId],
  );
  other.memberId = m!.id;
  const [n] = await app.sql<{ id: string }>(
    `INSERT INTO business_numbers (tenant_id, channel, provider_number_id, display_phone, region)
     VALUES ($1, 'whatsapp', '777000111', '+1 555 777 0111', 'us') RETURNING id`,
    [other.tenantId],
  );
  const [c] = await app.sql<{ id: string }>(
    `INSERT INTO contacts (tenant_id, display_name, phone_e164) VALUES ($1, 'Frank', '+14155557777') RETURNING id`,
    [other.tenantId],
  );
  other.contactId = c!.id;
  const [th] = await app.sql<{ id: string }>(
    `INSERT INTO threads (tenant_id, business_number_id, contact_id, channel, region)
     VALUES ($1, $2, $3, 'whatsapp', 'us') RETURNING id`,
    [other.tenantId, n!.id, c!.id],
  );
  other.threadId = th!.id;
  eve = app.api(await app.token('eve@fabrikam.test'));
});
afterAll(async () => env?.stop());

const range = () => ({ from: seeded.from, to: seeded.to, format: 'jsonl' as const });
const exportRecords = (exportId: string) =>
  app.sql<{ type: string; actor: string | null; details: Record<string, unknown> }>(
    `SELECT type, payload->'actor'->>'id' AS actor, payload->'details' AS details FROM archive_records
      WHERE type LIKE 'export.%' AND payload->'details'->>'exportId' = $1 ORDER BY seq`,
    [exportId],
  );

describe('starting an export (POST /api/v1/admin/archive/exports)', () => {
  it('refuses `from` after `to` with 400 validation_failed, in words', async () => {
    const r = await alice.post<Problem>(EXPORTS, { ...range(), from: seeded.to, to: seeded.from });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', detail: '`from` is after `to`.' });
  });

  it('refuses a range longer than ARCHIVE_EXPORT_MAX_DAYS with 400 validation_failed, in words', async () => {
    const to = new Date(Date.parse(seeded.from) + 31 * 24 * HOUR).toISOString();
    const r = await alice.post<Problem>(EXPORTS, { ...range(), to });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.detail).toContain('at most 30 days');
    const thirty = new Date(Date.parse(seeded.from) + 30 * 24 * HOUR).toISOString();
    expect((await alice.post(EXPORTS, { ...range(), to: thirty })).status).toBe(202);
  });

  it('refuses an unknown format, an id that is no UUID and an unknown field with 400 validation_failed', async () => {
    for (const body of [
      { ...range(), format: 'pdf' },
      { ...range(), threadId: 'not-a-uuid' },
      { ...range(), tenantId: other.tenantId },
      { format: 'jsonl' },
    ]) {
      const r = await alice.post<Problem>(EXPORTS, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe('validation_failed');
    }
  });

  it("answers 404 for another tenant's thread, contact or member, and starts nothing", async () => {
    const before = await app.sql('SELECT id FROM archive_exports');
    for (const filter of [
      { threadId: other.threadId },
      { contactId: other.contactId },
      { memberId: other.memberId },
      { threadId: randomUUID() },
    ]) {
      const r = await alice.post<Problem>(EXPORTS, { ...range(), ...filter });
      expect(r.status, JSON.stringify(filter)).toBe(404);
      expect(r.body.code).toBe('not_found');
    }
    expect(await app.sql('SELECT id FROM archive_exports')).toHaveLength(before.length);
  });
});

describe('who may export', () => {
  it('answers 403 admin_only to a member who is not an admin, on every export route', async () => {
    const done = await exported(app, alice, range());
    for (const r of [
      await bob.post<Problem>(EXPORTS, range()),
      await bob.get<Problem>(EXPORTS),
      await bob.get<Problem>(`${EXPORTS}/${done.id}`),
      await bob.get<Problem>(`${EXPORTS}/${done.id}/download`),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('admin_only');
    }
  });

  it("answers 404 for another tenant's export, to its admin, and leaves it out of their list", async () => {
    const done = await exported(app, alice, range());
    expect((await eve.get<Problem>(`${EXPORTS}/${done.id}`)).status).toBe(404);
    const res = await download(app, await app.token('eve@fabrikam.test'), done.id);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Problem).code).toBe('not_found');
    expect((await eve.get<ArchiveExport[]>(EXPORTS)).body.map((e) => e.id)).not.toContain(done.id);
  });
});

describe('following and downloading an export', () => {
  it('lists the tenant’s exports newest first', async () => {
    const first = await exported(app, alice, range());
    app.clock.advance(1000);
    const second = await exported(app, alice, { ...range(), format: 'eml' });
    const ids = (await alice.get<ArchiveExport[]>(EXPORTS)).body.map((e) => e.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids.indexOf(second.id)).toBe(0);
  });

  it('refuses to download an export still running, with 409 export_not_ready saying how far it got', async () => {
    const [running] = await app.sql<{ id: string }>(
      `INSERT INTO archive_exports (tenant_id, format, range_from, range_to, records, total)
       VALUES ($1, 'eml', $2, $3, 5000, 12000) RETURNING id`,
      [seeded.tenantId, seeded.from, seeded.to],
    );
    const seen = await alice.get<ArchiveExport>(`${EXPORTS}/${running!.id}`);
    expect(seen.body).toMatchObject({ status: 'running', counts: { records: 5000, total: 12000 } });
    const res = await download(app, aliceToken, running!.id);
    expect(res.status).toBe(409);
    const body = (await res.json()) as Problem;
    expect(body.code).toBe('export_not_ready');
    expect(body.detail).toContain('still running (5000 of 12000 records written)');
  });

  it('marks an export that cannot be written failed, with why, leaves no zip behind and refuses its download', async () => {
    // Fabrikam's export folder cannot be made: a file stands where it would be.
    const exportsDir = path.join(env.dataDir, 'exports');
    await mkdir(exportsDir, { recursive: true });
    await writeFile(path.join(exportsDir, other.tenantId), 'in the way');
    const failed = await exported(app, eve, range());
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/EEXIST|ENOTDIR/);
    expect(failed.finishedAt).not.toBeNull();
    const res = await download(app, await app.token('eve@fabrikam.test'), failed.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).code).toBe('export_failed');
    const records = await exportRecords(failed.id);
    expect(records.map((r) => r.type)).toEqual(['export.requested', 'export.failed']);
    expect(String(records[1]!.details.error)).toBe(failed.error);
  });

  it('never leaves half a zip under its name: a zip written whole but not put in place is removed, the export failed', async () => {
    const [row] = await app.sql<{ id: string }>(
      `INSERT INTO archive_exports (tenant_id, format, range_from, range_to) VALUES ($1, 'rsmf', $2, $3) RETURNING id`,
      [seeded.tenantId, seeded.from, seeded.to],
    );
    const id = row!.id;
    // A folder stands where the zip is to be renamed to, so the last step fails after every byte is written.
    const zip = path.join(env.dataDir, 'exports', seeded.tenantId, `${id}.zip`);
    await mkdir(path.join(zip, 'in-the-way'), { recursive: true });
    expect(
      await runArchiveExport(app.running.archive.compliance, { tenantId: seeded.tenantId, exportId: id }),
    ).toBe('failed');
    expect(existsSync(`${zip}.partial`)).toBe(false);
    expect(existsSync(`${zip}.work`)).toBe(false);
    const seen = (await alice.get<ArchiveExport>(`${EXPORTS}/${id}`)).body;
    expect(seen).toMatchObject({ status: 'failed', error: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });
    const res = await download(app, aliceToken, id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).detail).toBe(`The export failed: ${seen.error}.`);
    expect((await exportRecords(id)).map((r) => r.type)).toEqual(['export.failed']);
  });
});

describe('every export is archived', () => {
  it('records who asked and for what, how it ended with its counts and zip SHA-256, and who downloaded it', async () => {
    const done = await exported(app, alice, { ...range(), threadId: seeded.first.threadId });
    const { bytes, manifest } = await downloaded(app, aliceToken, done.id);
    const records = await exportRecords(done.id);
    expect(records.map((r) => r.type)).toEqual(['export.requested', 'export.completed', 'export.downloaded']);
    const [requested, completed, downloadedBy] = records;
    expect(requested).toMatchObject({
      actor: seeded.ids.alice,
      details: { format: 'jsonl', from: seeded.from, to: seeded.to, threadId: seeded.first.threadId },
    });
    expect(completed!.details).toMatchObject({
      records: manifest.records,
      messages: manifest.messages,
      zipSha256: sha256(bytes),
      zipBytes: bytes.length,
    });
    expect(downloadedBy).toMatchObject({ actor: seeded.ids.alice, details: { zipSha256: sha256(bytes) } });
  });

  it('exports to a file the operator names (the command line), archived with no member as its actor', async () => {
    const out = path.join(env.dataDir, 'cli', 'archive.zip');
    const result = await exportArchiveToFile(
      app.running.archive.compliance,
      { tenantId: seeded.tenantId, format: 'eml', from: new Date(seeded.from), to: new Date(seeded.to) },
      out,
    );
    expect(existsSync(`${out}.partial`)).toBe(false);
    const zip = await JSZip.loadAsync(await import('node:fs/promises').then((fs) => fs.readFile(out)));
    const manifest = ArchiveExportManifest.parse(
      JSON.parse(await zip.file('manifest.json')!.async('string')),
    );
    expect(manifest).toEqual(result.manifest);
    const rows = await app.sql<{ type: string; actor: string | null; sha: string | null }>(
      `SELECT type, payload->'actor'->>'id' AS actor, payload->'details'->>'zipSha256' AS sha FROM archive_records
        WHERE tenant_id = $1 AND type LIKE 'export.%' AND payload->'details'->>'via' = 'command line' ORDER BY seq`,
      [seeded.tenantId],
    );
    expect(rows).toEqual([
      { type: 'export.requested', actor: null, sha: null },
      { type: 'export.completed', actor: null, sha: result.zipSha256 },
    ]);
  });
});
