import MailComposer from 'nodemailer/lib/mail-composer';
import type { ArchivePayload, ExportFile, ExportRecord } from '../../domain/archive/index.js';
import { utcDay } from '../../domain/archive/index.js';
import type { ExportFormat, FormatContext } from './export-format.js';
import {
  ARCHIVE_SENDER,
  channelName,
  channelOf,
  contactOf,
  contactPerson,
  imageOf,
  mediaStream,
  peopleOf,
  sourceOf,
  transcriptLine,
  type Person,
} from './record-views.js';

/** One thread-day (or one day of records of no thread) being gathered. */
interface Group {
  key: string;
  threadId: string | null;
  day: string;
  first: ArchivePayload;
  lines: string[];
  people: Map<string, Person>;
  from: Person | null;
  images: { file: string; type: string | null; sha256: string }[];
  minSeq: number;
  maxSeq: number;
  records: number;
}

/**
 * EML: one RFC 5322 message per thread and UTC day, built with nodemailer's MailComposer. From is whoever wrote the
 * day's first message, To everyone else the day's records name (the contact, the members); a text/plain transcript
 * lists every record with its time, sender and seq; images are attached, read from the media store one at a time.
 * Records come thread after thread, each in seq order (`exportOrder`), so a group is written as soon as the next
 * record belongs to another and memory holds one thread-day. Records of no thread make one message per day too.
 */
export class EmlFormat implements ExportFormat {
  private group: Group | null = null;
  private readonly files: ExportFile[] = [];
  /** Names used in the current thread: a day seen again (records' times out of seq order) gets a suffix. */
  private names = new Set<string>();
  private namesOf: string | null | undefined = undefined;

  constructor(private readonly context: FormatContext) {}

  async write(records: readonly ExportRecord[]): Promise<void> {
    for (const record of records) {
      const threadId = record.threadId;
      const day = utcDay(record.payload.at);
      const key = `${threadId ?? ''}|${day}`;
      if (this.group && this.group.key !== key) await this.flush();
      this.group ??= {
        key,
        threadId,
        day,
        first: record.payload,
        lines: [],
        people: new Map(),
        from: null,
        images: [],
        minSeq: record.seq,
        maxSeq: record.seq,
        records: 0,
      };
      this.add(this.group, record);
    }
  }

  async close(): Promise<ExportFile[]> {
    await this.flush();
    return this.files;
  }

  private add(group: Group, record: ExportRecord): void {
    const p = record.payload;
    group.records += 1;
    group.minSeq = Math.min(group.minSeq, record.seq);
    group.maxSeq = Math.max(group.maxSeq, record.seq);
    group.lines.push(transcriptLine(p));
    for (const person of peopleOf(p)) group.people.set(person.key, person);
    if (!group.from && (p.type === 'message.in' || p.type === 'message.out')) group.from = sourceOf(p);
    const image = imageOf(p);
    if (image && !group.images.some((i) => i.file === image.file))
      group.images.push({ file: image.file, type: image.type, sha256: image.sha256 });
  }

  private nameOf(group: Group): string {
    if (this.namesOf !== group.threadId) {
      this.names = new Set();
      this.namesOf = group.threadId;
    }
    const folder = group.threadId ? `threads/${group.threadId}` : 'tenant';
    let name = `${folder}/${group.day}.eml`;
    for (let n = 2; this.names.has(name); n++) name = `${folder}/${group.day}-${n}.eml`;
    this.names.add(name);
    return name;
  }

  private async flush(): Promise<void> {
    const group = this.group;
    if (!group) return;
    this.group = null;
    const { scope, zip, media } = this.context;
    const name = this.nameOf(group);
    const contact = contactOf(group.first);
    const channel = channelName(channelOf(group.first));
    const contactName = contact ? contactPerson(contact, channelOf(group.first)).name : null;
    const people = [...group.people.values()];
    const from =
      group.from ??
      people.find((p) => p.kind === 'contact') ??
      (group.threadId ? people[0] : undefined) ??
      null;
    const to = people.filter((p) => p.key !== from?.key);
    const subject = group.threadId
      ? `${channel} conversation with ${contactName ?? 'a contact'}, ${group.day} (UTC)`
      : `Bridgeline archive events, ${group.day} (UTC)`;
    const heading = [
      subject,
      group.threadId
        ? `Thread ${group.threadId}; records ${group.minSeq} to ${group.maxSeq} of the compliance archive of tenant ${scope.tenantId}.`
        : `Records ${group.minSeq} to ${group.maxSeq} of the compliance archive of tenant ${scope.tenantId}.`,
      `Participants: ${people.map((p) => `${p.name} <${p.address}>`).join(', ') || 'none'}`,
      '',
    ];
    const suffix = name.slice(name.lastIndexOf('/') + 1, -'.eml'.length);
    const mail = new MailComposer({
      from: from ? { name: from.name, address: from.address } : ARCHIVE_SENDER,
      to: to.map((p) => ({ name: p.name, address: p.address })),
      subject,
      date: new Date(group.first.at),
      messageId: `<${group.threadId ?? 'tenant'}.${suffix}.${scope.tenantId}@archive.bridgeline.invalid>`,
      text: `${[...heading, ...group.lines].join('\r\n')}\r\n`,
      headers: {
        'X-Bridgeline-Tenant': scope.tenantId,
        ...(group.threadId ? { 'X-Bridgeline-Thread': group.threadId } : {}),
        'X-Bridgeline-Records': String(group.records),
        'X-Bridgeline-Seq': `${group.minSeq}-${group.maxSeq}`,
      },
      attachments: group.images.map((image) => ({
        filename: image.file,
        ...(image.type ? { contentType: image.type } : {}),
        content: mediaStream(media, scope.tenantId, image.sha256),
      })),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const written = await zip.copy(name, mail.compile().createReadStream());
    this.files.push({ name, sha256: written.sha256, records: group.records });
  }
}
