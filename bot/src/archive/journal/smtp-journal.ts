import nodemailer from 'nodemailer';
import type { StoredRecord } from '../../domain/archive/index.js';
import type { ArchiveDelivery } from '../../ports/index.js';
import { journalMail, type JournalAddresses, type JournalMedia } from './journal-message.js';

export interface SmtpJournalOptions extends JournalAddresses {
  /** ARCHIVE_JOURNAL_SMTP_URL: `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://`. */
  smtpUrl: string;
  /** The image of a message record, looked up when the record is mailed. */
  loadMedia: (tenantId: string, mediaId: string) => Promise<JournalMedia>;
  /** Connection and socket timeouts in ms (defaults: 10 s to connect and greet, 60 s of silence on a socket). */
  timeoutMs?: { connect: number; socket: number };
}

type MediaRef = { message?: { media?: { id?: string } | null } | null };

/** Why the server did not take the message, in one line an operator can act on (the server's reply when it gave one). */
function refusal(error: unknown): Error {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const reply = e.response ? ` ${e.response}` : '';
  const code = e.responseCode ? `SMTP ${e.responseCode}` : `SMTP ${e.code ?? 'error'}`;
  return new Error(`${code}:${reply || ` ${e.message ?? String(error)}`}`.replace(/\s+/g, ' ').trim());
}

/**
 * The journal's SMTP delivery: one e-mail per record, on a pooled connection to the firm's archive. A record counts as
 * delivered only once the server accepted the message for the journal address (250 after DATA); any refusal (4xx,
 * 5xx, a refused recipient), a timeout or a dropped connection is a failure, and the drain tries the record again.
 */
export function createSmtpJournal(options: SmtpJournalOptions): ArchiveDelivery & { close(): void } {
  const timeouts = options.timeoutMs ?? { connect: 10_000, socket: 60_000 };
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeouts.connect,
    greetingTimeout: timeouts.connect,
    socketTimeout: timeouts.socket,
  });
  const addresses = { from: options.from, to: options.to };
  return {
    sink: 'journal',
    async deliver(record: StoredRecord) {
      const mediaId = (record.payload as MediaRef).message?.media?.id;
      const media = mediaId ? await options.loadMedia(record.payload.tenantId, mediaId) : null;
      const mail = journalMail(record, addresses, media);
      let info: { accepted: unknown[]; rejected: unknown[]; response?: string };
      try {
        info = await transport.sendMail({ ...mail, envelope: { from: options.from, to: [options.to] } });
      } catch (error) {
        throw refusal(error);
      }
      if (info.rejected.length > 0 || info.accepted.length === 0)
        throw new Error(`SMTP: the journal address was refused (${info.response ?? 'no reply'})`);
    },
    close: () => transport.close(),
  };
}
