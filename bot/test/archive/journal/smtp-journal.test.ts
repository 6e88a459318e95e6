import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveHealth, ArchiveSinkStatus, Message, Thread } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import { startSmtpArchive, type SmtpArchive } from '../../support/smtp-archive.js';
import {
  clientId,
  eventually,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
} from '../../support/test-app.js';

const FROM = 'bridgeline@contoso.test';
const TO = 'journal@archive.test';

let smtp: SmtpArchive;
let app: TestApp;
let alice: Api;
let aliceToken: string;
let tenantId: string;

beforeAll(async () => {
  smtp = await startSmtpArchive();
  app = await startTestApp({
    env: { ARCHIVE_JOURNAL_SMTP_URL: smtp.url, ARCHIVE_JOURNAL_TO: TO, ARCHIVE_JOURNAL_FROM: FROM },
  });
  aliceToken = await app.token('alice@contoso.test');
  alice = app.api(aliceToken);
  tenantId = (
    await app.sql<{ id: string }>(`SELECT tenant_id AS id FROM members WHERE email = 'alice@contoso.test'`)
  )[0]!.id;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

type RecordPayload = {
  at: string;
  thread: { id: string } | null;
  contact: { phone: string | null } | null;
  message: { id: string } | null;
};
type Row = { seq: string; hash: string; prev_hash: string; type: string; payload: RecordPayload };
/** The tenant's records the journal must mail: every message in and out, every consent event. */
const journalable = async () =>
  (
    await app.sql<Row>(
      `SELECT seq, hash, prev_hash, type, payload FROM archive_records
        WHERE tenant_id = $1 AND (type IN ('message.in', 'message.out') OR type LIKE 'consent.%') ORDER BY seq`,
      [tenantId],
    )
  ).map((r) => ({ ...r, seq: Number(r.seq) }));
const recordOf = (mail: ParsedMail) => Number(smtp.header(mail, 'x-bridgeline-record'));
const mailsOf = (seq: number) => smtp.received.filter((m) => recordOf(m) === seq);
/** Waits until every record the journal must mail has arrived. */
const allArrived = () =>
  eventually('every message and consent record in the archive mailbox', async () => {
    const records = await journalable();
    return records.every((r) => mailsOf(r.seq).length > 0) && records;
  });
const journalStatus = async () =>
  (await alice.get<ArchiveHealth>('/api/v1/admin/archive')).body.sinks.find((s) => s.sink === 'journal')!;
const statusWhere = (what: string, ok: (s: ArchiveSinkStatus) => boolean) =>
  eventually(what, async () => {
    const s = await journalStatus();
    return ok(s) && s;
  });
/** Past any backoff, and the drainer told to look now. */
const retryNow = () => {
  app.clock.advance(5 * 60_000);
  app.running.archive.nudgeSinks();
};

async function optedInThread() {
  const phone = newPhone();
  const t = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
  expect(t.status).toBe(201);
  await app.settle();
  await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });
  return { thread: t.body, phone };
}
const say = async (threadId: string, text: string) => {
  const r = await alice.post<Message>(`/api/v1/threads/${threadId}/messages`, {
    clientMessageId: clientId(),
    text,
  });
  expect(r.status).toBe(201);
  await app.settle();
  return r.body;
};

describe('the SMTP journal (ARCHIVE_JOURNAL_SMTP_URL)', () => {
  it('mails every message and consent record once, with its tenant, thread, record and hash, and nothing else', async () => {
    const { thread, phone } = await optedInThread();
    await say(thread.id, 'Your portfolio review is on Friday');
    await app.inbound(phone, { text: 'Thanks, see you then' });

    const records = await allArrived();

    expect(records.map((r) => r.type)).toEqual(
      expect.arrayContaining(['consent.requested', 'consent.opted_in', 'message.out', 'message.in']),
    );
    for (const r of records) {
      const [mail, ...more] = mailsOf(r.seq);
      expect(more, `record ${r.seq} mailed more than once`).toHaveLength(0);
      expect(smtp.header(mail!, 'x-bridgeline-tenant')).toBe(tenantId);
      expect(smtp.header(mail!, 'x-bridgeline-thread')).toBe(r.payload.thread?.id ?? 'none');
      expect(smtp.header(mail!, 'x-bridgeline-hash')).toBe(r.hash);
      expect(mail!.messageId).toBe(`<bridgeline.${tenantId}.${r.seq}.${r.hash.slice(0, 16)}@contoso.test>`);
      expect(mail!.from?.value[0]?.address).toBe(FROM);
      expect(mail!.date?.getTime()).toBe(Math.floor(Date.parse(r.payload.at) / 1000) * 1000);
      const json = mail!.attachments.find((a) => a.filename === `record-${r.seq}.json`);
      expect(JSON.parse(json!.content.toString('utf8'))).toEqual(r.payload);
    }
    const received = smtp.received.map(recordOf);
    expect(new Set(received).size).toBe(received.length);
    expect(received.every((seq) => records.some((r) => r.seq === seq))).toBe(true);
    expect(new Set(smtp.logins)).toEqual(new Set(['journal']));
  });

  it('writes a readable body: time, direction, sender and contact with their identities, channel and text', async () => {
    const { thread, phone } = await optedInThread();
    const sent = await say(thread.id, 'Statement attached below');
    await app.inbound(phone, { text: 'Got it' });
    const records = await allArrived();
    const out = records.find((r) => r.type === 'message.out' && r.payload.message?.id === sent.id)!;
    const inbound = records.findLast((r) => r.type === 'message.in' && r.payload.contact?.phone === phone)!;

    const outText = mailsOf(out.seq)[0]!.text!;
    expect(outText).toContain(`Time:         ${out.payload.at}`);
    expect(outText).toContain('Direction:    outbound');
    expect(outText).toContain('Channel:      whatsapp');
    expect(outText).toMatch(/From: +Alice[^\n]*<alice@contoso\.test>/);
    expect(outText).toContain(`To:           Test Contact, ${phone}`);
    expect(outText).toContain('    Statement attached below');
    const inText = mailsOf(inbound.seq)[0]!.text!;
    expect(inText).toContain('Direction:    inbound');
    expect(inText).toContain(`From:         Test Contact, ${phone} (WhatsApp id ${phone.slice(1)}`);
    expect(inText).toContain('    Got it');
    expect(mailsOf(inbound.seq)[0]!.subject).toBe('WhatsApp message from Test Contact');
  });

  it('attaches the image of a message whose media is stored, with its type, size and SHA-256 in the body', async () => {
    const { thread } = await optedInThread();
    const png = new PNG({ width: 5, height: 5 });
    png.data.fill(120);
    const bytes = PNG.sync.write(png);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'chart.png');
    const up = await fetch(`${app.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}` },
      body: form,
    });
    const { mediaId } = (await up.json()) as { mediaId: string };
    const m = await alice.post<Message>(`/api/v1/threads/${thread.id}/messages`, {
      clientMessageId: clientId(),
      mediaId,
      caption: 'The chart',
    });
    expect(m.status).toBe(201);

    const records = await allArrived();
    const record = records.find((r) => r.type === 'message.out' && r.payload.message?.id === m.body.id)!;
    const mail = mailsOf(record.seq)[0]!;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.content.equals(bytes)).toBe(true);
    expect(mail.text).toContain(`image/png, ${bytes.length} bytes, SHA-256 ${sha256}; attached`);
    expect(mail.text).toContain('    The chart');
  });

  it('loses nothing and mails nothing twice across an outage of the archive: 451, 550, the server down, then back', async () => {
    const { thread } = await optedInThread();
    await allArrived();
    const before = smtp.received.length;

    smtp.refuse({ at: 'data', code: 451, message: 'Mailbox busy, try later' });
    await say(thread.id, 'During the outage, one');
    await statusWhere(
      'the journal failing with the 451',
      (s) => s.failures >= 1 && /451/.test(s.lastError ?? ''),
    );

    smtp.refuse({ at: 'rcpt', code: 550, message: 'No such journal mailbox' });
    retryNow();
    await statusWhere('the journal failing with the 550', (s) => /550/.test(s.lastError ?? ''));

    smtp.refuse(null);
    await smtp.down();
    await say(thread.id, 'During the outage, two');
    retryNow();
    const down = await statusWhere('the journal failing while the server is down', (s) =>
      /ECONNREFUSED|ECONNECTION|ESOCKET/.test(s.lastError ?? ''),
    );
    expect(down.failures).toBeGreaterThanOrEqual(3);
    expect(down.backlog).toBeGreaterThanOrEqual(2);
    expect(smtp.received.length).toBe(before);

    await smtp.up();
    retryNow();
    const records = await allArrived();

    for (const r of records) expect(mailsOf(r.seq), `record ${r.seq}`).toHaveLength(1);
    const texts = smtp.received.map((m) => m.text ?? '');
    expect(texts.filter((t) => t.includes('During the outage, one'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('During the outage, two'))).toHaveLength(1);
    const healthy = await statusWhere('the journal healthy again', (s) => s.failures === 0);
    expect(healthy).toMatchObject({ backlog: 0, lastError: null, lastDeliveredSeq: records.at(-1)!.seq });
  });

  it('never blocks messaging while the journal fails: the message is stored (201) and reaches the contact', async () => {
    const { thread, phone } = await optedInThread();
    await smtp.down();
    try {
      const r = await alice.post<Message>(`/api/v1/threads/${thread.id}/messages`, {
        clientMessageId: clientId(),
        text: 'Sent while the archive is down',
      });
      expect(r.status).toBe(201);
      await app.settle();
      const sent = app.gateway.sent.filter((m) => m.to.phoneE164 === phone);
      expect(
        sent.some((m) => m.content.type === 'text' && m.content.text === 'Sent while the archive is down'),
      ).toBe(true);
      await statusWhere('the journal failing', (s) => s.failures >= 1 && s.backlog >= 1);
    } finally {
      await smtp.up();
      retryNow();
    }
    await allArrived();
  });

  it('journals nothing of a tenant that turned the journal off, and says so; turned on again, it goes on from there', async () => {
    const { thread } = await optedInThread();
    await allArrived();
    await app.running.ctx.uow.run((store) =>
      store.archiveSettings.update(tenantId, { journalEnabled: false }),
    );

    const off = await say(thread.id, 'Not for the journal');
    const [offRecord] = await app.sql<{ seq: string }>(
      `SELECT seq FROM archive_records WHERE tenant_id = $1 AND type = 'message.out' AND payload->'message'->>'id' = $2`,
      [tenantId, off.id],
    );
    await eventually('the journal passing the record over', async () => {
      const [c] = await app.sql<{ last_seq: string }>(
        `SELECT last_seq FROM archive_sinks WHERE tenant_id = $1 AND sink = 'journal'`,
        [tenantId],
      );
      return Number(c?.last_seq) >= Number(offRecord!.seq);
    });
    expect(await journalStatus()).toMatchObject({ configured: true, enabled: false, backlog: 0 });

    await app.running.ctx.uow.run((store) =>
      store.archiveSettings.update(tenantId, { journalEnabled: true }),
    );
    await say(thread.id, 'For the journal again');
    await eventually('the next message journaled', () =>
      smtp.received.some((m) => m.text?.includes('For the journal again')),
    );
    expect(mailsOf(Number(offRecord!.seq))).toHaveLength(0);
    expect(smtp.received.some((m) => m.text?.includes('Not for the journal'))).toBe(false);
  });
});
