import { Readable } from 'node:stream';
import type { ArchiveFacts, ArchivePayload, MemberFacts } from '../../domain/archive/index.js';
import type { MediaStore } from '../../ports/index.js';

/**
 * How the e-mail formats (EML, RSMF) show an archive record: the people it names, with addresses a mail archive can
 * index, one line of transcript in words, and the image it carries. The record itself is never changed: these are
 * views of it, and JSON Lines exports keep every field.
 */
export type ContactFacts = NonNullable<ArchiveFacts['contact']>;
type NumberFacts = NonNullable<ArchiveFacts['businessNumber']>;
interface MessageView {
  id: string;
  direction: string;
  type: string;
  status: string;
  providerMessageId: string | null;
  holdReason: string | null;
  template: { name: string; language: string } | null;
  media: MediaFacts | null;
}
export interface MediaFacts {
  id: string;
  type: string | null;
  size: number | null;
  sha256: string | null;
  name: string | null;
}

export const contactOf = (p: ArchivePayload) => (p.contact as ContactFacts | null | undefined) ?? null;
export const actorOf = (p: ArchivePayload) => (p.actor as MemberFacts | null | undefined) ?? null;
export const subjectOf = (p: ArchivePayload) => (p.subject as MemberFacts | null | undefined) ?? null;
export const numberOf = (p: ArchivePayload) => (p.businessNumber as NumberFacts | null | undefined) ?? null;
export const messageOf = (p: ArchivePayload) => (p.message as MessageView | null | undefined) ?? null;
export const channelOf = (p: ArchivePayload): string =>
  typeof p.channel === 'string' ? p.channel : 'whatsapp';

/** The address the records of no member or contact come from (admin changes, exports). */
export const ARCHIVE_SENDER = { name: 'Bridgeline archive', address: 'archive@bridgeline.invalid' };

const CHANNEL_NAMES: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS' };
export const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel;

/** Someone a record names, as an e-mail archive addresses them. */
export interface Person {
  /** Stable within an export: `contact-…`, `member-…`, `number-…`. */
  key: string;
  name: string;
  address: string;
  kind: 'contact' | 'member' | 'number';
  phone: string | null;
  accountId: string | null;
  email: string | null;
}

/** Addresses of people who have no mailbox: a reserved top-level domain, so nothing is ever sent there. */
const NOWHERE = 'bridgeline.invalid';
const localPart = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '') || 'unknown';

export function contactPerson(c: ContactFacts, channel: string): Person {
  const handle = c.phone ?? c.waId ?? c.username ?? c.userId ?? c.id;
  return {
    key: `contact-${c.id}`,
    name: c.displayName ?? c.phone ?? c.username ?? 'Contact',
    address: `${localPart(handle)}@${localPart(channel)}.${NOWHERE}`,
    kind: 'contact',
    phone: c.phone,
    accountId: c.waId ?? c.userId,
    email: null,
  };
}

export const memberPerson = (m: MemberFacts): Person => ({
  key: `member-${m.id}`,
  name: m.displayName,
  address: m.email,
  kind: 'member',
  phone: null,
  accountId: m.aadObjectId,
  email: m.email,
});

export const numberPerson = (n: NumberFacts): Person => ({
  key: `number-${n.id}`,
  name: `Business number ${n.phone}`,
  address: `${localPart(n.phone)}@${localPart(n.channel)}.${NOWHERE}`,
  kind: 'number',
  phone: n.phone,
  accountId: n.providerNumberId,
  email: null,
});

/** What a contact does themselves: write, opt in or out. */
const CONTACT_DOES = new Set(['message.in', 'consent.opted_in', 'consent.opted_out']);

/** Who a record comes from: the contact for what they did, the member who wrote or did it, else the number. */
export function sourceOf(p: ArchivePayload): Person | null {
  const contact = contactOf(p);
  const actor = actorOf(p);
  if (contact && CONTACT_DOES.has(p.type) && (p.type === 'message.in' || !actor))
    return contactPerson(contact, channelOf(p));
  if (actor) return memberPerson(actor);
  const number = numberOf(p);
  if (p.type === 'message.out' && number) return numberPerson(number);
  return null;
}

/** Everyone a record names. */
export function peopleOf(p: ArchivePayload): Person[] {
  const people: Person[] = [];
  const contact = contactOf(p);
  if (contact) people.push(contactPerson(contact, channelOf(p)));
  for (const m of [actorOf(p), subjectOf(p)]) if (m) people.push(memberPerson(m));
  const source = sourceOf(p);
  if (source?.kind === 'number') people.push(source);
  return people;
}

/** The image a message record carries, when its bytes were stored. */
export function imageOf(p: ArchivePayload): (MediaFacts & { sha256: string; file: string }) | null {
  const media = messageOf(p)?.media;
  if (!media?.sha256) return null;
  const ext = media.type === 'image/png' ? 'png' : media.type === 'image/jpeg' ? 'jpg' : 'bin';
  return { ...media, sha256: media.sha256, file: `${media.id}.${ext}` };
}

/**
 * An image's bytes, read from the media store only when the stream is first read (one image in memory at a time).
 * Bytes missing from the store (removed by hand) give an empty attachment rather than no export at all: the
 * transcript still names the image and its SHA-256.
 */
export function mediaStream(media: MediaStore, tenantId: string, sha256: string): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      media.get(`${tenantId}/${sha256}`).then(
        (bytes) => {
          if (bytes !== null) this.push(bytes);
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}

const textOf = (p: ArchivePayload): string | null => {
  const content = p.content as { text?: unknown; templateParameters?: unknown } | null;
  if (content === null) return p.contentSha256 ? '(words purged by retention)' : null;
  return typeof content.text === 'string' ? content.text : null;
};

/** The words of a message record: its text, its template, its image. */
export function messageBody(p: ArchivePayload): string {
  const message = messageOf(p);
  const parts: string[] = [];
  const text = textOf(p);
  if (text !== null) parts.push(text);
  if (message?.template) {
    const params = (p.content as { templateParameters?: unknown } | null)?.templateParameters;
    const list = Array.isArray(params) && params.length > 0 ? `: ${params.map(String).join(', ')}` : '';
    parts.push(`[template ${message.template.name} (${message.template.language})${list}]`);
  }
  const image = imageOf(p);
  if (image)
    parts.push(
      `[image ${image.file}, ${image.type ?? 'unknown type'}, ${image.size ?? '?'} bytes, sha256 ${image.sha256}]`,
    );
  return parts.join(' ') || '(no text)';
}

/** What a record that is not a message says, in words: a status, a membership change, a consent event, a notice. */
export function eventWords(p: ArchivePayload): string {
  const message = messageOf(p);
  const subject = subjectOf(p);
  const details = (p.details ?? {}) as Record<string, unknown>;
  const bits: string[] = [p.type];
  if (p.type === 'message.status' && message)
    bits.push(`${message.status}${message.providerMessageId ? ` (${message.providerMessageId})` : ''}`);
  else if (subject) bits.push(subject.displayName);
  if (message?.holdReason && message.status === 'held') bits.push(`held: ${message.holdReason}`);
  const text = p.type === 'thread.notice' ? textOf(p) : null;
  if (text) bits.push(text);
  if (typeof details.exportId === 'string') bits.push(`export ${details.exportId}`);
  return bits.join(': ');
}

/** One line of a transcript: time, who, what, and the record's place in the chain. */
export function transcriptLine(p: ArchivePayload): string {
  const time = p.at.slice(11, 19);
  const who = sourceOf(p);
  const by = who ? `${who.name} <${who.address}>` : 'Bridgeline';
  const isMessage = p.type === 'message.in' || p.type === 'message.out';
  const what = isMessage ? messageBody(p) : `* ${eventWords(p)}`;
  return `[${time}Z] ${by}: ${what}  (record ${p.seq})`;
}
