import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ArchivePayload, ExportFile, ExportRecord } from '../../domain/archive/index.js';
import type { ExportFormat, FormatContext } from './export-format.js';
import {
  actorOf,
  ARCHIVE_SENDER,
  channelName,
  channelOf,
  contactOf,
  contactPerson,
  eventWords,
  imageOf,
  mediaStream,
  memberPerson,
  messageBody,
  peopleOf,
  sourceOf,
  subjectOf,
  type Person,
} from './record-views.js';
import { ZipWriter, type ZipEntry } from './zip-writer.js';

export const RSMF_VERSION = '2.0.0';
export const RSMF_GENERATOR = 'Bridgeline';

/** The RSMF 2.0 event types a record becomes: messages, joins, leaves, and system events in words. */
function eventTypeOf(type: string): 'message' | 'join' | 'leave' | 'disclaimer' {
  if (type === 'message.in' || type === 'message.out') return 'message';
  if (type === 'member.joined' || type === 'member.rejoined' || type === 'member.claimed') return 'join';
  if (type === 'member.left' || type === 'member.removed') return 'leave';
  return 'disclaimer';
}

/** One thread being written: its events stream into rsmf_manifest.json inside its own rsmf.zip. */
interface Group {
  threadId: string | null;
  first: ArchivePayload;
  zipPath: string;
  inner: ZipWriter;
  manifest: ZipEntry;
  people: Map<string, Person>;
  images: { file: string; sha256: string }[];
  events: number;
  begin: string;
  end: string;
}

/**
 * Relativity Short Message Format 2.0: one `.rsmf` file per thread, an RFC 5322 message with the X-RSMF-* headers and
 * the attachment `rsmf.zip`, which holds `rsmf_manifest.json` (participants, the conversation, every record of the
 * thread as an event, in seq order) and the images the events attach. The manifest is written as the records come
 * (its `events` first, then the participants and the conversation, known once the thread ends: JSON members have no
 * order), so a thread of any length needs no more memory than its list of participants and image names.
 */
export class RsmfFormat implements ExportFormat {
  private group: Group | null = null;
  private readonly files: ExportFile[] = [];
  private groups = 0;

  constructor(private readonly context: FormatContext) {}

  async write(records: readonly ExportRecord[]): Promise<void> {
    let text = '';
    for (const record of records) {
      const threadId = record.threadId;
      if (this.group && this.group.threadId !== threadId) {
        await this.group.manifest.write(text);
        text = '';
        await this.flush();
      }
      this.group ??= this.open(threadId, record.payload);
      text += (this.group.events > 0 ? ',' : '') + JSON.stringify(this.event(this.group, record));
    }
    if (this.group && text) await this.group.manifest.write(text);
  }

  async close(): Promise<ExportFile[]> {
    await this.flush();
    return this.files;
  }

  private open(threadId: string | null, first: ArchivePayload): Group {
    this.groups += 1;
    const zipPath = join(this.context.workDir, `${this.groups}.rsmf.zip`);
    const inner = new ZipWriter(createWriteStream(zipPath), new Date());
    const manifest = inner.entry('rsmf_manifest.json');
    const collection = threadId ?? `tenant-${this.context.scope.tenantId}`;
    void manifest.write(`{"version":"${RSMF_VERSION}","eventcollectionid":"${collection}","events":[`);
    return {
      threadId,
      first,
      zipPath,
      inner,
      manifest,
      people: new Map(),
      images: [],
      events: 0,
      begin: first.at,
      end: first.at,
    };
  }

  private event(group: Group, record: ExportRecord): Record<string, unknown> {
    const p = record.payload;
    group.events += 1;
    if (p.at < group.begin) group.begin = p.at;
    if (p.at > group.end) group.end = p.at;
    for (const person of peopleOf(p)) group.people.set(person.key, person);
    const type = eventTypeOf(p.type);
    const member = subjectOf(p) ?? actorOf(p);
    const participant =
      type === 'join' || type === 'leave' ? (member ? memberPerson(member) : null) : sourceOf(p);
    const image = imageOf(p);
    if (image && !group.images.some((i) => i.file === image.file))
      group.images.push({ file: image.file, sha256: image.sha256 });
    return {
      id: `r${record.seq}`,
      type,
      conversation: this.conversationId(group),
      ...(participant ? { participant: participant.key } : {}),
      timestamp: p.at,
      body: type === 'message' ? messageBody(p) : eventWords(p),
      ...(type === 'message' ? { direction: p.type === 'message.in' ? 'incoming' : 'outgoing' } : {}),
      ...(image
        ? {
            attachments: [
              { id: image.file, display: image.file, ...(image.size ? { size: image.size } : {}) },
            ],
          }
        : {}),
      custom: [
        { name: 'Archive record', value: String(record.seq) },
        { name: 'Archive type', value: p.type },
        { name: 'Record hash', value: record.hash },
      ],
    };
  }

  private conversationId(group: Group): string {
    return group.threadId ?? 'tenant';
  }

  private async flush(): Promise<void> {
    const group = this.group;
    if (!group) return;
    this.group = null;
    const { scope, zip, media } = this.context;
    const people = [...group.people.values()];
    const channel = group.threadId ? channelOf(group.first) : 'bridgeline';
    const contact = contactOf(group.first);
    const contactName = contact ? contactPerson(contact, channel).name : null;
    const display = group.threadId
      ? `${channelName(channel)} conversation with ${contactName ?? 'a contact'}`
      : 'Bridgeline archive events';
    const custom = (pairs: [string, string | null][]) =>
      pairs.filter((pair): pair is [string, string] => !!pair[1]).map(([name, value]) => ({ name, value }));
    const participants = people.map((p) => ({
      id: p.key,
      display: p.name,
      ...(p.email ? { email: p.email } : {}),
      ...(p.accountId ? { account_id: p.accountId } : {}),
      custom: custom([
        ['Phone', p.phone],
        ['Kind', p.kind],
      ]),
    }));
    const conversation = {
      id: this.conversationId(group),
      display,
      platform: channel,
      type: people.length > 2 ? 'channel' : 'direct',
      participants: people.map((p) => p.key),
      custom: custom([
        ['Tenant', scope.tenantId],
        ['Thread', group.threadId],
      ]),
    };
    await group.manifest.write(
      `],"participants":${JSON.stringify(participants)},"conversations":${JSON.stringify([conversation])}}`,
    );
    await group.manifest.end();
    for (const image of group.images)
      group.inner.addLazy(image.file, async () => mediaStream(media, scope.tenantId, image.sha256));
    await group.inner.close();

    const name = group.threadId ? `threads/${group.threadId}.rsmf` : 'tenant.rsmf';
    const from = people.find((p) => p.kind === 'contact') ?? people[0] ?? null;
    const mail = new MailComposer({
      from: from ? { name: from.name, address: from.address } : ARCHIVE_SENDER,
      to: people.filter((p) => p !== from).map((p) => ({ name: p.name, address: p.address })),
      subject: display,
      date: new Date(group.begin),
      messageId: `<${group.threadId ?? 'tenant'}.rsmf.${scope.tenantId}@archive.bridgeline.invalid>`,
      text:
        `${display}: ${group.events} events from ${group.begin} to ${group.end}, in the attached rsmf.zip ` +
        `(Relativity Short Message Format ${RSMF_VERSION}).\r\n` +
        `Participants: ${people.map((p) => p.name).join(', ') || 'none'}\r\n`,
      headers: {
        'X-RSMF-Version': RSMF_VERSION,
        'X-RSMF-Generator': RSMF_GENERATOR,
        'X-RSMF-EventCount': String(group.events),
        'X-RSMF-BeginDate': group.begin,
        'X-RSMF-EndDate': group.end,
        'X-RSMF-Application': group.threadId ? channelName(channel) : 'Bridgeline',
        'X-RSMF-Participants': people.map((p) => p.name.replace(/,/g, ' ')).join(', '),
        'X-RSMF-AttachmentCount': String(group.images.length),
        'X-RSMF-EventCollectionID': group.threadId ?? `tenant-${scope.tenantId}`,
        'X-Bridgeline-Tenant': scope.tenantId,
      },
      attachments: [
        { filename: 'rsmf.zip', contentType: 'application/zip', content: createReadStream(group.zipPath) },
      ],
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const written = await zip.copy(name, mail.compile().createReadStream());
    await rm(group.zipPath, { force: true });
    this.files.push({ name, sha256: written.sha256, records: group.events });
  }
}
