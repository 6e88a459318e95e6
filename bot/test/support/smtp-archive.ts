import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A firm's archive as the SMTP journal meets it: a real SMTP server on a local port (smtp-server), which keeps every
 * message it accepted (parsed with mailparser) and can be told to refuse (a 4xx or 5xx reply to DATA or to the
 * recipient) or to go down and come back on the same port.
 */
export interface SmtpArchive {
  port: number;
  url: string;
  received: ParsedMail[];
  /** The user names the journal signed in with. */
  logins: string[];
  /** Refuse every message with this reply, or take them again (null). */
  refuse(reply: { at: 'data' | 'rcpt'; code: number; message: string } | null): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  /** The header of a received message as one string. */
  header(mail: ParsedMail, name: string): string | undefined;
}

export async function startSmtpArchive(): Promise<SmtpArchive> {
  const received: ParsedMail[] = [];
  const logins: string[] = [];
  let refusal: { at: 'data' | 'rcpt'; code: number; message: string } | null = null;
  const refused = () => Object.assign(new Error(refusal!.message), { responseCode: refusal!.code });

  const make = () =>
    new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      closeTimeout: 50,
      onAuth(auth, _session, callback) {
        logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
      onRcptTo(_address, _session, callback) {
        callback(refusal?.at === 'rcpt' ? refused() : null);
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refusal?.at === 'data') return callback(refused());
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });

  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      const net = server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((net.address() as { port: number }).port);
      });
    });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const port = await listen(0);
  let isUp = true;

  return {
    port,
    url: `smtp://journal:s3cret@127.0.0.1:${port}`,
    received,
    logins,
    refuse(reply) {
      refusal = reply;
    },
    async down() {
      if (!isUp) return;
      isUp = false;
      await close();
    },
    async up() {
      if (isUp) return;
      server = make();
      await listen(port);
      isUp = true;
    },
    async close() {
      if (isUp) await close();
      isUp = false;
    },
    header(mail, name) {
      const value = mail.headers.get(name.toLowerCase());
      return value === undefined ? undefined : String(value);
    },
  };
}
