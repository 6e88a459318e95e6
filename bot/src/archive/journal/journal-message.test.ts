import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../domain/archive/index.js';
import { journalMail, journalMessageId, journalText } from './journal-message.js';

const TENANT = '7d1c1a52-0000-4000-8000-000000000001';
const to = { from: 'bridgeline@contoso.test', to: 'journal@archive.test' };
const contact = {
  id: 'c1',
  displayName: 'Jane Client',
  phone: '+14155551001',
  waId: '14155551001',
  userId: 'US.123',
  username: 'jane',
};
const alice = { id: 'm1', aadObjectId: 'oid-alice', email: 'alice@contoso.test', displayName: 'Alice Smith' };
const number = { id: 'b1', channel: 'whatsapp', phone: '+1 555 0100', providerNumberId: '1000001' };

function record(
  seq: number,
  payload: Record<string, unknown>,
  hash = seq.toString(16).padStart(64, '0'),
): StoredRecord {
  return {
    seq,
    prevHash: '0'.repeat(64),
    hash,
    payload: {
      tenantId: TENANT,
      seq,
      type: 'message.in',
      at: '2026-03-02T09:00:00.000Z',
      channel: 'whatsapp',
      thread: { id: 'th1' },
      contact,
      businessNumber: number,
      actor: null,
      subject: null,
      message: null,
      details: {},
      content: null,
      contentSha256: null,
      ...payload,
    },
  };
}
const message = (over: Record<string, unknown> = {}) => ({
  id: 'msg1',
  direction: 'in',
  type: 'text',
  status: 'received',
  providerMessageId: 'wamid.1',
  providerTimestamp: '2026-03-02T08:59:58.000Z',
  clientMessageId: null,
  holdReason: null,
  error: null,
  noticeKind: null,
  template: null,
  media: null,
  ...over,
});

describe('the e-mail of one journaled record', () => {
  it('has a Message-ID made from the record alone: the same record twice is the same message, another record is not', () => {
    const r = record(7, { message: message() }, `abcdef0123456789${'e'.repeat(48)}`);
    expect(journalMessageId(r, to.from)).toBe(journalMessageId(structuredClone(r), to.from));
    expect(journalMessageId(r, to.from)).toBe(`<bridgeline.${TENANT}.7.abcdef0123456789@contoso.test>`);
    expect(journalMessageId(record(8, {}), to.from)).not.toBe(journalMessageId(r, to.from));
    expect(journalMessageId(record(7, {}, 'f'.repeat(64)), to.from)).not.toBe(journalMessageId(r, to.from));
  });

  it('carries the tenant, thread, record and hash headers, and "none" for a record without a thread', () => {
    const mail = journalMail(record(3, { type: 'consent.opted_in', thread: null }), to, null);
    expect(mail.headers).toMatchObject({
      'X-Bridgeline-Tenant': TENANT,
      'X-Bridgeline-Thread': 'none',
      'X-Bridgeline-Record': '3',
      'X-Bridgeline-Hash': '3'.padStart(64, '0'),
    });
    expect(mail.to).toBe('journal@archive.test');
    expect(mail.from.address).toBe('bridgeline@contoso.test');
  });

  it('attaches the record as canonical JSON with its content', () => {
    const mail = journalMail(record(4, { message: message(), content: { text: 'Hi' } }), to, null);
    const json = mail.attachments.find((a) => a.filename === 'record-4.json');
    expect(json?.contentType).toBe('application/json');
    expect(JSON.parse(String(json?.content))).toMatchObject({ seq: 4, content: { text: 'Hi' } });
  });

  it('names the contact by every identity and the member by e-mail and Entra object id', () => {
    const out = journalText(
      record(5, {
        type: 'message.out',
        actor: alice,
        message: message({ direction: 'out' }),
        content: { text: 'x' },
      }),
      null,
    );
    expect(out).toContain('From:         Alice Smith <alice@contoso.test> (Entra object id oid-alice)');
    expect(out).toContain(
      'To:           Jane Client, +14155551001 (WhatsApp id 14155551001, user id US.123, username jane)',
    );
    expect(out).toContain('Via:          +1 555 0100 (business number, provider id 1000001)');
  });

  it('says what a consent record is: the answer, its basis, the contact and who asked', () => {
    const text = journalText(
      record(6, {
        type: 'consent.opted_in',
        actor: alice,
        details: { kind: 'opted_in', basis: 'button' },
        content: { answerText: 'Start' },
      }),
      null,
    );
    expect(text).toContain('Consent:      opted_in');
    expect(text).toContain('Basis:        button');
    expect(text).toContain('Requested by: Alice Smith <alice@contoso.test>');
    expect(text).toContain('Answer:\n    Start');
  });

  it('gives the template and its parameters of a template message', () => {
    const text = journalText(
      record(9, {
        type: 'message.out',
        message: message({ type: 'template', template: { name: 'statement_ready', language: 'en_US' } }),
        content: { templateParameters: ['Jane', 'March'] },
      }),
      null,
    );
    expect(text).toContain('Template:     statement_ready (en_US); parameters: "Jane", "March"');
  });

  it('says an image is not attached while it is not stored', () => {
    const media = { id: 'md1', type: null, size: null, sha256: null, name: null };
    const r = record(10, { message: message({ type: 'image', media }) });
    const mail = journalMail(r, to, { state: 'pending' });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.text).toContain(
      'Media:        image, type unknown, size unknown, SHA-256 unknown; not attached (not downloaded yet)',
    );
  });

  it('says when retention removed the words, instead of showing nothing', () => {
    const text = journalText(
      record(11, { message: message(), content: null, contentSha256: 'a'.repeat(64) }),
      null,
    );
    expect(text).toContain('Text:         removed under the retention policy');
  });

  it('lets no line break of a name into a header', () => {
    const evil = { ...contact, displayName: 'Eve\r\nBcc: everyone@example.com' };
    const mail = journalMail(record(12, { contact: evil, message: message() }), to, null);
    expect(mail.from.name).not.toMatch(/[\r\n]/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe('WhatsApp message from Eve Bcc: everyone@example.com');
  });
});
