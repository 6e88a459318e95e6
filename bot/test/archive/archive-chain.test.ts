import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePublicKey, ArchiveVerifyResult, Message, Problem, Thread } from '@bridgeline/shared';
import { signCheckpoints } from '../../src/app/compliance/checkpoint.use-case.js';
import { runArchiveCli } from '../../src/archive-cli.js';
import { DERIVED_PAYLOAD } from '../../src/db/archive/archive-verify-read.js';
import { checkpointText } from '../../src/domain/archive/index.js';
import { BUTTON_PAYLOADS } from '../../src/domain/consent.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';

let app: TestApp;
let alice: Api;
let bob: Api;
let tenantId: string;
let phone: string;
let thread: Thread;

type PayloadView = {
  content?: { text?: string } | null;
  message?: {
    id: string;
    providerMessageId: string | null;
    providerTimestamp: string | null;
    template: { name: string } | null;
  } | null;
  [field: string]: unknown;
};
type RecordRow = { seq: string; type: string; payload: PayloadView; prev_hash: string; hash: string };
const records = () =>
  app.sql<RecordRow>(
    'SELECT seq, type, payload, prev_hash, hash FROM archive_records WHERE tenant_id = $1 ORDER BY seq',
    [tenantId],
  );
const verifyNow = async () => (await alice.get<ArchiveVerifyResult>('/api/v1/admin/archive/verify')).body;

/** Every stored column of a record but payload, which the database derives from sealed and content. */
const COLUMNS = 'tenant_id, seq, at, type, prev_hash, hash, sealed, recorded_at, content';
/** Makes payload the derived column again, as migration 1763770450000 made it (the indexes are not needed here). */
const restoreDerivedPayload = `ALTER TABLE archive_records DROP COLUMN payload,
  ADD COLUMN payload jsonb NOT NULL
  GENERATED ALWAYS AS (jsonb_set(sealed::jsonb, '{content}', COALESCE(content::jsonb, 'null'::jsonb))) STORED`;

/** Tampers with the archive as someone with SQL and the table owner's rights would (triggers off), then puts it back. */
async function tampered<T>(statements: string[], restore: string[], check: () => Promise<T>): Promise<T> {
  await app.sql('ALTER TABLE archive_records DISABLE TRIGGER USER');
  try {
    for (const s of statements) await app.sql(s, s.includes('$1') ? [tenantId] : []);
    return await check();
  } finally {
    for (const s of restore) await app.sql(s, s.includes('$1') ? [tenantId] : []);
    await app.sql('ALTER TABLE archive_records ENABLE TRIGGER USER');
  }
}

beforeAll(async () => {
  app = await startTestApp({ env: { ARCHIVE_CHECKPOINT_EVERY: '1000' } });
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
  tenantId = (await alice.get<{ tenantId: string }>('/api/v1/me')).body.tenantId;
  // A demo conversation: an opt-in, the contact accepts, two messages each way.
  phone = newPhone();
  thread = (await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true }))
    .body;
  await app.settle();
  await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });
  for (const text of ['Your statement is ready', 'Call me when convenient'])
    await alice.post<Message>(`/api/v1/threads/${thread.id}/messages`, { clientMessageId: clientId(), text });
  await app.settle();
  await app.inbound(phone, { text: 'Thanks, will do' });
});
afterAll(async () => app?.stop());

describe('the compliance archive (product.md §9)', () => {
  it('keeps one record for every domain and consent event, numbered 1, 2, 3 … with no gap', async () => {
    const [counts] = await app.sql<{ events: string; consent: string; archived: string }>(
      `SELECT (SELECT count(*) FROM domain_events WHERE tenant_id = $1) AS events,
              (SELECT count(*) FROM consent_events WHERE tenant_id = $1) AS consent,
              (SELECT count(*) FROM archive_records WHERE tenant_id = $1) AS archived`,
      [tenantId],
    );
    expect(Number(counts!.archived)).toBe(Number(counts!.events) + Number(counts!.consent));
    const seqs = (await records()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('records what was said, by whom, to whom, on which number, with the provider ids', async () => {
    const all = await records();
    const out = all.find(
      (r) => r.type === 'message.out' && r.payload.content?.text === 'Your statement is ready',
    );
    expect(out?.payload).toMatchObject({
      channel: 'whatsapp',
      thread: { id: thread.id },
      contact: { phone, waId: phone.slice(1) },
      actor: { email: 'alice@contoso.test', displayName: expect.any(String) },
      businessNumber: { providerNumberId: '100000000000001' },
      message: { direction: 'out', type: 'text' },
    });
    const sent = all.find(
      (r) => r.type === 'message.status' && r.payload.message?.id === out?.payload.message?.id,
    );
    expect(sent?.payload.message?.providerMessageId).toMatch(/^wamid\./);
    const inbound = all.find((r) => r.type === 'message.in' && r.payload.content?.text === 'Thanks, will do');
    expect(inbound?.payload).toMatchObject({
      contact: { phone },
      message: { direction: 'in', providerMessageId: expect.stringMatching(/^wamid\.in\./) },
    });
    expect(inbound?.payload.message?.providerTimestamp).toEqual(expect.any(String));
    expect(all.map((r) => r.type)).toEqual(
      expect.arrayContaining(['consent.requested', 'consent.opted_in', 'thread.created']),
    );
    // The opt-in template is said to the contact too: archived as a message of the member who asked for it.
    const optIn = all.find(
      (r) => r.type === 'message.out' && r.payload.message?.template?.name === 'bridgeline_opt_in',
    );
    expect(optIn?.payload).toMatchObject({ actor: { email: 'alice@contoso.test' }, contact: { phone } });
  });

  it('answers intact, with the record count and the head, when nothing was touched', async () => {
    const all = await records();
    const result = await verifyNow();
    expect(result).toMatchObject({
      intact: true,
      records: all.length,
      head: all.at(-1)!.hash,
      brokenAt: null,
    });
  });

  it('is for admins only', async () => {
    for (const path of [
      '/api/v1/admin/archive',
      '/api/v1/admin/archive/verify',
      '/api/v1/admin/archive/public-key',
    ]) {
      const r = await bob.get<Problem>(path);
      expect([path, r.status, r.body.code]).toEqual([path, 403, 'admin_only']);
    }
  });

  it('is refused any UPDATE, DELETE or TRUNCATE by the database itself', async () => {
    await signCheckpoints(app.running.archive.compliance);
    await expect(
      app.sql(`UPDATE archive_records SET type = 'x' WHERE tenant_id = $1 AND seq = 1`, [tenantId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.sql(`DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 1`, [tenantId]),
    ).rejects.toThrow(/append-only/);
    await expect(app.sql(`TRUNCATE archive_records`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM archive_checkpoints`)).rejects.toThrow(/append-only/);
  });

  it('names the record whose words were edited with SQL', async () => {
    const seq = (await records()).find(
      (r) => r.type === 'message.out' && r.payload.content?.text === 'Your statement is ready',
    )!.seq;
    const result = await tampered(
      [
        `UPDATE archive_records SET content = replace(content, 'Your statement is ready', 'Wire the money to me') WHERE tenant_id = $1 AND seq = ${seq}`,
      ],
      [
        `UPDATE archive_records SET content = replace(content, 'Wire the money to me', 'Your statement is ready') WHERE tenant_id = $1 AND seq = ${seq}`,
      ],
      verifyNow,
    );
    expect(result.brokenAt).toEqual({
      seq: Number(seq),
      reason: 'edited content (the words do not match their SHA-256)',
    });
  });

  it('names the record whose sender was edited with SQL, once payload is no longer derived from the sealed text', async () => {
    const seq = (await records()).find(
      (r) => r.type === 'message.out' && r.payload.content?.text === 'Your statement is ready',
    )!.seq;
    // payload cannot be written while the database derives it; the owner can turn it into a plain column first.
    await expect(
      app.sql(`UPDATE archive_records SET payload = '{}' WHERE tenant_id = $1 AND seq = ${seq}`, [tenantId]),
    ).rejects.toThrow(/can only be updated to DEFAULT/);
    const result = await tampered(
      [
        `ALTER TABLE archive_records ALTER COLUMN payload DROP EXPRESSION`,
        `UPDATE archive_records SET payload = jsonb_set(payload, '{actor,email}', '"bob@contoso.test"') WHERE tenant_id = $1 AND seq = ${seq}`,
      ],
      [restoreDerivedPayload],
      verifyNow,
    );
    expect(result.brokenAt).toEqual({
      seq: Number(seq),
      reason: 'edited content (the record differs from what was sealed)',
    });
    expect((await verifyNow()).intact).toBe(true);
  });

  it('reads payload as the column the database derives from the sealed text and words (the fast verify)', async () => {
    const [column] = await app.sql<{ expression: string }>(
      `SELECT pg_get_expr(d.adbin, d.adrelid) AS expression FROM pg_attribute a
         JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = 'archive_records'::regclass AND a.attname = 'payload' AND a.attgenerated = 's'`,
    );
    expect(column?.expression).toBe(DERIVED_PAYLOAD);
  });

  it('names the record whose time or type column was edited with SQL', async () => {
    for (const edit of [`at = at + interval '1 microsecond'`, `type = type || '.edited'`]) {
      const result = await tampered(
        [
          `CREATE TABLE saved_row AS SELECT ${COLUMNS} FROM archive_records WHERE tenant_id = $1 AND seq = 2`,
          `UPDATE archive_records SET ${edit} WHERE tenant_id = $1 AND seq = 2`,
        ],
        [
          `UPDATE archive_records r SET at = s.at, type = s.type FROM saved_row s WHERE r.tenant_id = $1 AND r.seq = s.seq`,
          `DROP TABLE saved_row`,
        ],
        verifyNow,
      );
      expect(result.brokenAt).toEqual({
        seq: 2,
        reason: 'edited content (its seq, tenant, type or time column differs from the record)',
      });
    }
    expect((await verifyNow()).intact).toBe(true);
  });

  it('names the record whose sealed text was edited with SQL (its payload follows)', async () => {
    const seq = (await records()).find(
      (r) => r.type === 'message.out' && r.payload.content?.text === 'Your statement is ready',
    )!.seq;
    const edit = (from: string, to: string) =>
      `UPDATE archive_records SET sealed = replace(sealed, '${from}', '${to}') WHERE tenant_id = $1 AND seq = ${seq}`;
    const result = await tampered(
      [edit('alice@contoso.test', 'bob@contoso.test')],
      [edit('bob@contoso.test', 'alice@contoso.test')],
      verifyNow,
    );
    expect(result.brokenAt).toEqual({
      seq: Number(seq),
      reason: 'edited content (the record does not match its hash)',
    });
  });

  it('names the record deleted with SQL', async () => {
    await app.sql(
      `CREATE TABLE IF NOT EXISTS deleted_record AS SELECT ${COLUMNS} FROM archive_records WHERE false`,
    );
    const result = await tampered(
      [
        `INSERT INTO deleted_record SELECT ${COLUMNS} FROM archive_records WHERE tenant_id = $1 AND seq = 3`,
        `DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 3`,
      ],
      [
        `INSERT INTO archive_records (${COLUMNS}) SELECT * FROM deleted_record WHERE tenant_id = $1`,
        `DELETE FROM deleted_record WHERE tenant_id = $1`,
      ],
      verifyNow,
    );
    expect(result.brokenAt).toEqual({ seq: 3, reason: 'missing record (3 absent)' });
    expect((await verifyNow()).intact).toBe(true);
  });

  it('catches records cut off the end once a signed checkpoint covers them', async () => {
    await signCheckpoints(app.running.archive.compliance);
    const total = (await records()).length;
    await app.sql(
      `CREATE TABLE IF NOT EXISTS cut_records AS SELECT ${COLUMNS} FROM archive_records WHERE false`,
    );
    const result = await tampered(
      [
        `INSERT INTO cut_records SELECT ${COLUMNS} FROM archive_records WHERE tenant_id = $1 AND seq > ${total - 2}`,
        `DELETE FROM archive_records WHERE tenant_id = $1 AND seq > ${total - 2}`,
      ],
      [
        `INSERT INTO archive_records (${COLUMNS}) SELECT * FROM cut_records WHERE tenant_id = $1`,
        `DELETE FROM cut_records WHERE tenant_id = $1`,
      ],
      verifyNow,
    );
    expect(result.brokenAt?.seq).toBe(total - 1);
    expect(result.brokenAt?.reason).toMatch(/^records missing after the last signed checkpoint/);
  });

  it('signs checkpoints with the key whose public half it publishes', async () => {
    const key = (await alice.get<ArchivePublicKey>('/api/v1/admin/archive/public-key')).body;
    const [checkpoint] = await app.sql<{ seq: string; hash: string; at: Date; signature: string }>(
      'SELECT seq, hash, at, signature FROM archive_checkpoints WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
      [tenantId],
    );
    const text = checkpointText({
      tenantId,
      seq: Number(checkpoint!.seq),
      hash: checkpoint!.hash,
      at: checkpoint!.at.toISOString(),
    });
    expect(
      verifySignature(
        null,
        Buffer.from(text),
        createPublicKey(key.publicKeyPem),
        Buffer.from(checkpoint!.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('keeps no record of a change that rolled back, and no gap after it', async () => {
    await app.settle();
    const before = (await records()).length;
    await expect(
      app.running.ctx.uow.run(async (store) => {
        await store.events.append({
          tenantId,
          type: 'admin.member_updated',
          payload: {},
          occurredAt: app.clock.now(),
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await alice.post<Message>(`/api/v1/threads/${thread.id}/messages`, {
      clientMessageId: clientId(),
      text: 'after',
    });
    await app.settle();
    const after = await records();
    // Only the next change's records follow: the message and its hand-over to Meta, nothing of the rolled-back one.
    expect(after.slice(before).map((r) => r.type)).toEqual(['message.out', 'message.status']);
    expect(after.map((r) => Number(r.seq))).toEqual(after.map((_, i) => i + 1));
  });

  it('numbers records appended by concurrent transactions without a gap or a repeat', async () => {
    await app.settle();
    const before = (await records()).length;
    // Twenty transactions at once, nothing else serialising them: each appends one event and commits.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.running.ctx.uow.run((store) =>
          store.events.append({
            tenantId,
            type: 'admin.member_updated',
            payload: { i },
            occurredAt: app.clock.now(),
          }),
        ),
      ),
    );
    const all = await records();
    expect(all.length).toBe(before + 20);
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
    expect(await verifyNow()).toMatchObject({ intact: true, records: all.length });
  });
});

describe('npm run archive -- verify', () => {
  const cli = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runArchiveCli(argv, (line) => lines.push(line), {
      env: { LOG_LEVEL: 'silent' },
      database: app.running.db,
      signer: app.running.archive.compliance.signer,
    });
    return { code, last: lines.at(-1) };
  };

  it('exits 0 with "archive intact: <n> records, head <hash>" when nothing was touched', async () => {
    await app.settle();
    const all = await records();
    expect(await cli('verify', '--tenant', tenantId)).toEqual({
      code: 0,
      last: `archive intact: ${all.length} records, head ${all.at(-1)!.hash}`,
    });
  });

  it('exits 1 with "archive broken at record <seq>: <reason>" naming the edited record', async () => {
    await app.sql(
      `CREATE TABLE IF NOT EXISTS saved_record AS SELECT ${COLUMNS} FROM archive_records WHERE false`,
    );
    const result = await tampered(
      [
        `INSERT INTO saved_record SELECT ${COLUMNS} FROM archive_records WHERE tenant_id = $1 AND seq = 2`,
        `UPDATE archive_records SET sealed = replace(sealed, '"seq":2', '"seq":2,"via":"x"') WHERE tenant_id = $1 AND seq = 2`,
      ],
      [
        `UPDATE archive_records r SET sealed = s.sealed FROM saved_record s WHERE r.tenant_id = $1 AND r.seq = s.seq AND s.tenant_id = $1`,
        `DELETE FROM saved_record WHERE tenant_id = $1`,
      ],
      () => cli('verify', '--tenant', tenantId),
    );
    expect(result).toEqual({
      code: 1,
      last: 'archive broken at record 2: edited content (the record does not match its hash)',
    });
    expect((await cli('verify', '--tenant', tenantId)).code).toBe(0);
  });

  it('exports the same zip as the admin screen, with a manifest that counts what the archive holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-cli-export-'));
    try {
      const out = join(dir, 'archive.zip');
      const r = await cli(
        'export',
        '--from',
        '2020-01-01T00:00:00Z',
        '--to',
        '2030-01-01T00:00:00Z',
        '--format',
        'jsonl',
        '--out',
        out,
        '--tenant',
        tenantId,
      );
      expect(r.code).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(out));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        records: { total: number };
        chain: { firstSeq: number; lastSeq: number };
      };
      // Every record up to the export's own request (archived before it reads), each once, in one JSON Lines file.
      const seqs = (await zip.file(/\.jsonl$/)[0]!.async('string'))
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { seq: number }).seq);
      expect(seqs).toEqual(Array.from({ length: manifest.chain.lastSeq }, (_, i) => i + 1));
      expect(manifest.records.total).toBe(seqs.length);
      expect(r.last).toMatch(new RegExp(`^exported ${manifest.records.total} records `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what an export is missing', async () => {
    expect(await cli('export', '--from', '2026-01-01T00:00:00Z')).toEqual({
      code: 2,
      last: expect.stringMatching(/^export needs --to, --format, --out; usage:/),
    });
  });

  it('says how to call it when the command is unknown', async () => {
    expect(await cli('verfy')).toEqual({
      code: 2,
      last: expect.stringMatching(/^unknown command "verfy"; usage: npm run archive -- verify/),
    });
  });
});
