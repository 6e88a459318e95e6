import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainVerifier, recordHash, type ArchivePayload } from '../../../src/domain/archive/index.js';
import type { TestApp } from '../../support/test-app.js';
import {
  conversations,
  downloaded,
  exported,
  recordsOf,
  startExportApp,
  type Seeded,
  type Unzipped,
} from './export-support.js';

/**
 * The three export formats (docs/archive.md, "Exports"), parsed back as an archive would: JSON Lines re-verified with
 * the chain's own hashes, EML per thread-day with mailparser, RSMF 2.0's headers and manifest; and the manifest of
 * each reconciled with `archive_records`.
 */
let env: Awaited<ReturnType<typeof startExportApp>>;
let app: TestApp;
let token: string;
let seeded: Seeded;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  env = await startExportApp();
  app = env.app;
  token = await app.token('alice@contoso.test');
  seeded = await conversations(app, token);
});
afterAll(async () => env?.stop());

const all = (format: 'jsonl' | 'eml' | 'rsmf') => ({ from: seeded.from, to: seeded.to, format });
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address));

/** The manifest against the database: counts by type, messages, chain positions, and each file's bytes. */
async function expectReconciled(unzipped: Unzipped, where?: string, params?: unknown[]) {
  const { manifest, files } = unzipped;
  const rows = await recordsOf(app, {
    tenantId: seeded.tenantId,
    from: manifest.from,
    to: manifest.to,
    asOfSeq: manifest.chain.asOfSeq,
    ...(where ? { where, params } : {}),
  });
  expect(rows.length).toBeGreaterThan(0);
  const byType: Record<string, number> = {};
  for (const r of rows) byType[r.type] = (byType[r.type] ?? 0) + 1;
  expect(manifest.records).toEqual({ total: rows.length, byType });
  expect(manifest.messages).toBe(
    rows.filter((r) => r.type === 'message.in' || r.type === 'message.out').length,
  );
  expect(manifest.chain).toMatchObject({
    firstSeq: Number(rows[0]!.seq),
    lastSeq: Number(rows.at(-1)!.seq),
    headHash: rows.at(-1)!.hash,
  });
  expect(manifest.files.map((f) => f.name).sort()).toEqual([...files.keys()].sort());
  for (const f of manifest.files) expect(f.sha256, f.name).toBe(sha256(files.get(f.name)!));
  expect(manifest.files.reduce((n, f) => n + f.records, 0)).toBe(rows.length);
  return rows;
}

describe('JSON Lines export', () => {
  it('holds one record per line, each re-verifying with its prevHash and hash, the whole chain intact from seq 1', async () => {
    const done = await exported(app, app.api(token), all('jsonl'));
    expect(done.status).toBe('done');
    const unzipped = await downloaded(app, token, done.id);
    const rows = await expectReconciled(unzipped);
    const lines = unzipped.files.get('records.jsonl')!.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(rows.length);
    const verifier = new ChainVerifier(seeded.tenantId, (t) => sha256(t));
    for (const line of lines) {
      const { prevHash, hash, ...payload } = JSON.parse(line) as ArchivePayload & {
        prevHash: string;
        hash: string;
      };
      expect(recordHash(prevHash, payload, (t) => sha256(t))).toBe(hash);
      verifier.feed([{ seq: payload.seq, prevHash, hash, payload }]);
    }
    expect(rows[0]!.seq).toBe('1');
    expect(verifier.finish([], () => true)).toMatchObject({ intact: true, records: rows.length });
    expect(done.counts).toEqual({
      records: rows.length,
      total: rows.length,
      messages: unzipped.manifest.messages,
      files: 1,
    });
  });
});

describe('EML export', () => {
  let unzipped: Unzipped;
  let mails: Map<string, ParsedMail>;
  beforeAll(async () => {
    const done = await exported(app, app.api(token), all('eml'));
    expect(done.status).toBe('done');
    unzipped = await downloaded(app, token, done.id);
    mails = new Map();
    for (const [name, bytes] of unzipped.files) mails.set(name, await simpleParser(bytes));
  });

  it('writes one RFC 5322 message per thread and UTC day, whose manifest reconciles with the archive', async () => {
    await expectReconciled(unzipped);
    const { threadId } = seeded.first;
    expect([...mails.keys()]).toEqual(
      expect.arrayContaining([
        `threads/${threadId}/${seeded.first.day1}.eml`,
        `threads/${threadId}/${seeded.first.day2}.eml`,
        `threads/${seeded.second.threadId}/${seeded.first.day2}.eml`,
      ]),
    );
    const mail = mails.get(`threads/${threadId}/${seeded.first.day1}.eml`)!;
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.date?.toISOString().slice(0, 10)).toBe(seeded.first.day1);
    expect(new Set([...mails.values()].map((m) => m.messageId)).size).toBe(mails.size);
  });

  it('addresses each thread-day to its participants and lists every message with its time and sender', async () => {
    const day1 = mails.get(`threads/${seeded.first.threadId}/${seeded.first.day1}.eml`)!;
    const people = [...addresses(day1.from), ...addresses(day1.to)];
    expect(people).toEqual(
      expect.arrayContaining(['alice@contoso.test', expect.stringContaining(seeded.first.phone.slice(1))]),
    );
    expect(people).not.toContain('bob@contoso.test');
    expect(day1.text).toMatch(
      /\[\d\d:\d\d:\d\dZ\] Alice Johnson <alice@contoso\.test>: Hello Dana, your statement follows/,
    );
    expect(day1.text).toMatch(/\[\d\d:\d\d:\d\dZ\] Test Contact <[^>]+>: Thanks, got it/);
    expect(day1.text).not.toContain('One more question');
    const day2 = mails.get(`threads/${seeded.first.threadId}/${seeded.first.day2}.eml`)!;
    expect([...addresses(day2.from), ...addresses(day2.to)]).toContain('bob@contoso.test');
    expect(day2.text).toContain('One more question');
    expect(day2.text).toContain('Bob will answer it');
  });

  it('attaches the images of the day from the media store, byte for byte', async () => {
    const day1 = mails.get(`threads/${seeded.first.threadId}/${seeded.first.day1}.eml`)!;
    expect(day1.attachments).toHaveLength(1);
    expect(day1.attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(Buffer.compare(day1.attachments[0]!.content, seeded.first.image)).toBe(0);
    expect(day1.text).toContain(`[image ${day1.attachments[0]!.filename}`);
    const day2 = mails.get(`threads/${seeded.first.threadId}/${seeded.first.day2}.eml`)!;
    expect(day2.attachments).toHaveLength(0);
  });
});

describe('RSMF export', () => {
  let unzipped: Unzipped;
  beforeAll(async () => {
    const done = await exported(app, app.api(token), all('rsmf'));
    expect(done.status).toBe('done');
    unzipped = await downloaded(app, token, done.id);
  });

  it('writes one .rsmf per thread with the X-RSMF-* headers of RSMF 2.0, reconciled with the archive', async () => {
    await expectReconciled(unzipped);
    const name = `threads/${seeded.first.threadId}.rsmf`;
    const mail = await simpleParser(unzipped.files.get(name)!);
    const events = unzipped.manifest.files.find((f) => f.name === name)!.records;
    expect(mail.headers.get('x-rsmf-version')).toBe('2.0.0');
    expect(mail.headers.get('x-rsmf-generator')).toBe('Bridgeline');
    expect(mail.headers.get('x-rsmf-eventcount')).toBe(String(events));
    expect(String(mail.headers.get('x-rsmf-begindate'))).toMatch(new RegExp(`^${seeded.first.day1}T`));
    expect(String(mail.headers.get('x-rsmf-enddate'))).toMatch(new RegExp(`^${seeded.first.day2}T`));
    expect(mail.attachments.map((a) => a.filename)).toEqual(['rsmf.zip']);
  });

  it('puts rsmf_manifest.json in rsmf.zip: participants, the conversation and every record as an event, images beside it', async () => {
    const mail = await simpleParser(unzipped.files.get(`threads/${seeded.first.threadId}.rsmf`)!);
    const inner = await JSZip.loadAsync(mail.attachments[0]!.content);
    const manifest = JSON.parse(await inner.file('rsmf_manifest.json')!.async('string')) as {
      version: string;
      participants: {
        id: string;
        display: string;
        email?: string;
        custom: { name: string; value: string }[];
      }[];
      conversations: { id: string; platform: string; participants: string[]; type: string }[];
      events: {
        id: string;
        type: string;
        conversation: string;
        participant?: string;
        timestamp: string;
        body: string;
        direction?: string;
        attachments?: { id: string }[];
      }[];
    };
    expect(manifest.version).toBe('2.0.0');
    expect(manifest.conversations).toEqual([
      expect.objectContaining({ id: seeded.first.threadId, platform: 'whatsapp', type: 'channel' }),
    ]);
    const ids = new Set(manifest.participants.map((p) => p.id));
    expect(manifest.conversations[0]!.participants.every((p) => ids.has(p))).toBe(true);
    expect(manifest.events.every((e) => !e.participant || ids.has(e.participant))).toBe(true);
    expect(manifest.events.every((e) => e.conversation === seeded.first.threadId)).toBe(true);
    expect(manifest.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ display: 'Alice Johnson', email: 'alice@contoso.test' }),
        expect.objectContaining({
          custom: expect.arrayContaining([{ name: 'Phone', value: seeded.first.phone }]),
        }),
      ]),
    );
    const says = (body: string) => manifest.events.find((e) => e.type === 'message' && e.body.includes(body));
    expect(says('Thanks, got it')).toMatchObject({ direction: 'incoming' });
    expect(says('Hello Dana')).toMatchObject({ direction: 'outgoing' });
    expect(manifest.events.some((e) => e.type === 'join')).toBe(true);
    const withImage = manifest.events.find((e) => e.attachments?.length)!;
    const image = await inner.file(withImage.attachments![0]!.id)!.async('nodebuffer');
    expect(Buffer.compare(image, seeded.first.image)).toBe(0);
  });
});

describe('export filters', () => {
  const seqs = (u: Unzipped) =>
    u.files
      .get('records.jsonl')!
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
  const rowSeqs = (rows: { seq: string }[]) => rows.map((r) => Number(r.seq));

  it('exports exactly the records of the thread asked for', async () => {
    const done = await exported(app, app.api(token), { ...all('jsonl'), threadId: seeded.first.threadId });
    const u = await downloaded(app, token, done.id);
    const rows = await expectReconciled(u, `payload->'thread'->>'id' = $5`, [seeded.first.threadId]);
    expect(seqs(u)).toEqual(rowSeqs(rows));
    expect(u.manifest.filters.threadId).toBe(seeded.first.threadId);
  });

  it('exports exactly the records of the contact asked for', async () => {
    const done = await exported(app, app.api(token), { ...all('jsonl'), contactId: seeded.second.contactId });
    const u = await downloaded(app, token, done.id);
    const rows = await expectReconciled(u, `payload->'contact'->>'id' = $5`, [seeded.second.contactId]);
    expect(seqs(u)).toEqual(rowSeqs(rows));
  });

  it('exports exactly the records whose actor or subject is the member asked for', async () => {
    const done = await exported(app, app.api(token), { ...all('jsonl'), memberId: seeded.ids.bob });
    const u = await downloaded(app, token, done.id);
    const rows = await expectReconciled(
      u,
      `(payload->'actor'->>'id' = $5 OR payload->'subject'->>'id' = $5)`,
      [seeded.ids.bob],
    );
    expect(rows.some((r) => r.type === 'member.joined')).toBe(true);
    expect(seqs(u)).toEqual(rowSeqs(rows));
  });

  it('exports exactly the records whose time falls in the range, from inclusive, to exclusive', async () => {
    const from = `${seeded.first.day2}T00:00:00.000Z`;
    const done = await exported(app, app.api(token), { from, to: seeded.to, format: 'jsonl' });
    const u = await downloaded(app, token, done.id);
    const rows = await expectReconciled(u);
    expect(rows.every((r) => r.seq && (r.payload as unknown as { at: string }).at >= from)).toBe(true);
    expect(seqs(u)).toEqual(rowSeqs(rows));
    expect(seqs(u)[0]).toBeGreaterThan(1);
  });
});
