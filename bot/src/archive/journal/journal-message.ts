import { canonicalJson, type StoredRecord } from '../../domain/archive/index.js';

/**
 * One archive record as the e-mail the firm's archive (Smarsh, Global Relay, Microsoft Purview) receives: a readable
 * text/plain body, the record's canonical JSON as an attachment (what the chain hashes, with the content), the image
 * when its bytes are stored, and headers to find and de-duplicate it by. The Message-ID is made from the record alone,
 * so the same record sent twice (a crash between the server's acceptance and the cursor's move) is the same message.
 */
export interface JournalAddresses {
  from: string;
  to: string;
}

/** The image of a message record, as found when the record is mailed. */
export type JournalMedia =
  | { state: 'stored'; bytes: Buffer; mimeType: string; sizeBytes: number; sha256: string }
  | { state: 'pending' | 'failed' | 'missing' };

/** What nodemailer is handed (its `SendMailOptions`, the fields this journal sets). */
export interface JournalMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  date: Date;
  messageId: string;
  headers: Record<string, string>;
  text: string;
  attachments: { filename: string; content: string | Buffer; contentType: string }[];
}

interface Contact {
  displayName: string | null;
  phone: string | null;
  waId: string | null;
  userId: string | null;
  username: string | null;
}
interface Member {
  displayName: string;
  email: string;
  aadObjectId: string | null;
}
interface BusinessNumber {
  phone: string;
  providerNumberId: string;
}
interface Message {
  id: string;
  direction: string;
  type: string;
  status: string;
  providerMessageId: string | null;
  providerTimestamp: string | null;
  holdReason: string | null;
  template: { name: string; language: string } | null;
  media: {
    id: string;
    type: string | null;
    size: number | null;
    sha256: string | null;
    name: string | null;
  } | null;
}
interface Content {
  text?: string;
  templateParameters?: string[];
  sentText?: string;
  answerText?: string;
}
interface Payload {
  tenantId: string;
  type: string;
  at: string;
  channel: string | null;
  thread: { id: string } | null;
  contact: Contact | null;
  businessNumber: BusinessNumber | null;
  actor: Member | null;
  message: Message | null;
  details: Record<string, unknown>;
  content: Content | null;
  contentSha256: string | null;
}

/** Control characters never reach a header or a line of the body. */
const clean = (text: string): string => text.replace(/\p{Cc}+/gu, ' ').trim();

const contactText = (c: Contact | null): string => {
  if (!c) return 'unknown contact';
  const ids = [
    c.waId ? `WhatsApp id ${c.waId}` : null,
    c.userId ? `user id ${c.userId}` : null,
    c.username ? `username ${c.username}` : null,
  ].filter(Boolean);
  const name = [c.displayName, c.phone].filter(Boolean).join(', ') || 'contact without a name or number';
  return clean(ids.length > 0 ? `${name} (${ids.join(', ')})` : name);
};
const memberText = (m: Member | null): string =>
  m
    ? clean(`${m.displayName} <${m.email}>${m.aadObjectId ? ` (Entra object id ${m.aadObjectId})` : ''}`)
    : 'Bridgeline';
const numberText = (b: BusinessNumber | null): string =>
  b ? clean(`${b.phone} (business number, provider id ${b.providerNumberId})`) : 'unknown business number';

const senderName = (p: Payload): string => {
  if (p.type === 'message.in') return p.contact?.displayName || p.contact?.phone || 'Contact';
  if (p.type === 'message.out') return p.actor?.displayName ?? 'Bridgeline';
  return p.contact?.displayName || p.contact?.phone || 'Consent';
};

const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1) || 'bridgeline.invalid';

/** `<bridgeline.{tenant}.{seq}.{hash prefix}@{domain of ARCHIVE_JOURNAL_FROM}>`: the same for the same record. */
export const journalMessageId = (record: StoredRecord, from: string): string =>
  `<bridgeline.${record.payload.tenantId}.${record.seq}.${record.hash.slice(0, 16)}@${domainOf(from)}>`;

export function journalSubject(payload: StoredRecord['payload']): string {
  const p = payload as unknown as Payload;
  const channel = p.channel === 'sms' ? 'SMS' : 'WhatsApp';
  const contact = p.contact?.displayName || p.contact?.phone || 'a contact';
  if (p.type === 'message.in') return clean(`${channel} message from ${contact}`);
  if (p.type === 'message.out')
    return clean(`${channel} message from ${p.actor?.displayName ?? 'Bridgeline'} to ${contact}`);
  return clean(`${channel} consent ${p.type.slice('consent.'.length).replace(/_/g, ' ')}: ${contact}`);
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const imageName = (m: NonNullable<Message['media']>, mimeType: string, sha256: string): string =>
  m.name ? clean(m.name) : `image-${sha256.slice(0, 12)}.${EXTENSIONS[mimeType] ?? 'bin'}`;

function mediaLine(m: NonNullable<Message['media']>, media: JournalMedia | null): string {
  const stored = media?.state === 'stored' ? media : null;
  const type = m.type ?? stored?.mimeType ?? 'type unknown';
  const size = m.size ?? stored?.sizeBytes;
  const sha256 = m.sha256 ?? stored?.sha256;
  const name = stored ? imageName(m, stored.mimeType, stored.sha256) : m.name ? clean(m.name) : 'image';
  const state = stored
    ? 'attached'
    : `not attached (${media?.state === 'pending' ? 'not downloaded yet' : 'not stored'})`;
  return `${name}, ${type}, ${size === undefined || size === null ? 'size unknown' : `${size} bytes`}, SHA-256 ${sha256 ?? 'unknown'}; ${state}`;
}

const indent = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => `    ${line}`)
    .join('\n');

/** The readable body: who, when, which way, on which channel, and what was said or sent. */
export function journalText(record: StoredRecord, media: JournalMedia | null): string {
  const p = record.payload as unknown as Payload;
  const m = p.message;
  const lines: string[] = [`Bridgeline archive record ${record.seq} (${p.type}) of tenant ${p.tenantId}`, ''];
  const field = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(14)}${value}`);
  field('Time', p.at);
  field('Channel', p.channel ?? 'unknown');
  if (p.type === 'message.in') {
    field('Direction', 'inbound (contact to business)');
    field('From', contactText(p.contact));
    field('To', numberText(p.businessNumber));
  } else if (p.type === 'message.out') {
    field('Direction', 'outbound (business to contact)');
    field('From', memberText(p.actor));
    field('Via', numberText(p.businessNumber));
    field('To', contactText(p.contact));
  } else {
    field('Consent', p.type.slice('consent.'.length));
    if (typeof p.details.basis === 'string') field('Basis', p.details.basis);
    field('Contact', contactText(p.contact));
    field('Number', numberText(p.businessNumber));
    if (p.actor) field('Requested by', memberText(p.actor));
  }
  field('Thread', p.thread?.id ?? 'none');
  if (m) {
    const ids = [`id ${m.id}`, m.providerMessageId ? `provider id ${m.providerMessageId}` : null];
    if (m.providerTimestamp) ids.push(`provider time ${m.providerTimestamp}`);
    field('Message', `${ids.filter(Boolean).join(', ')}; ${m.type}, ${m.status}`);
    if (m.holdReason) field('Held', m.holdReason);
  }
  const content = p.content;
  if (content === null && p.contentSha256 !== null) field('Text', 'removed under the retention policy');
  if (content?.text !== undefined) lines.push('Text:', indent(content.text));
  if (m?.template) {
    const params = content?.templateParameters ?? [];
    const list = params.length > 0 ? `; parameters: ${params.map((x) => JSON.stringify(x)).join(', ')}` : '';
    field('Template', `${m.template.name} (${m.template.language})${list}`);
  }
  if (content?.answerText !== undefined) lines.push('Answer:', indent(content.answerText));
  if (m?.media) field('Media', mediaLine(m.media, media));
  lines.push('');
  field('Hash', record.hash);
  field('Previous', record.prevHash);
  lines.push(
    '',
    `The record as canonical JSON, with its content: record-${record.seq}.json (the chain hashes it without the content, whose SHA-256 it carries).`,
  );
  return lines.join('\n') + '\n';
}

export function journalMail(
  record: StoredRecord,
  to: JournalAddresses,
  media: JournalMedia | null,
): JournalMail {
  const p = record.payload as unknown as Payload;
  const attachments: JournalMail['attachments'] = [
    {
      filename: `record-${record.seq}.json`,
      content: canonicalJson(record.payload),
      contentType: 'application/json',
    },
  ];
  if (media?.state === 'stored' && p.message?.media)
    attachments.push({
      filename: imageName(p.message.media, media.mimeType, media.sha256),
      content: media.bytes,
      contentType: media.mimeType,
    });
  return {
    from: { name: `${clean(senderName(p))} via Bridgeline`, address: to.from },
    to: to.to,
    subject: journalSubject(record.payload),
    date: new Date(p.at),
    messageId: journalMessageId(record, to.from),
    headers: {
      'X-Bridgeline-Tenant': p.tenantId,
      'X-Bridgeline-Thread': p.thread?.id ?? 'none',
      'X-Bridgeline-Record': String(record.seq),
      'X-Bridgeline-Hash': record.hash,
      'X-Bridgeline-Prev-Hash': record.prevHash,
      'X-Bridgeline-Type': p.type,
    },
    text: journalText(record, media),
    attachments,
  };
}
