import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../../src/ports/index.js';

export interface FakeGateway extends WhatsAppGateway {
  /** Every message handed to `send`, in order. */
  sent: OutboundMessage[];
  /** Every read receipt asked for. */
  reads: { from: BusinessNumberRecord; providerMessageId: string }[];
  /** The next answers of `send` (then `markRead`), in order; once used up, every send is accepted. */
  answer(...outcomes: SendOutcome[]): void;
  answerRead(...outcomes: ReadReceiptOutcome[]): void;
}

/** A WhatsApp gateway that records what it is asked to send and answers as scripted (accepted by default). */
export function fakeGateway(options: { readReceipts?: boolean } = {}): FakeGateway {
  const sendAnswers: SendOutcome[] = [];
  const readAnswers: ReadReceiptOutcome[] = [];
  const gateway: FakeGateway = {
    sent: [],
    reads: [],
    answer: (...outcomes) => void sendAnswers.push(...outcomes),
    answerRead: (...outcomes) => void readAnswers.push(...outcomes),
    async send(message) {
      gateway.sent.push(structuredClone(message));
      return sendAnswers.shift() ?? { ok: true, providerMessageId: `wamid.${gateway.sent.length}` };
    },
  };
  if (options.readReceipts !== false)
    gateway.markRead = async (from, providerMessageId) => {
      gateway.reads.push({ from, providerMessageId });
      return readAnswers.shift() ?? { ok: true };
    };
  return gateway;
}

/** Meta's refusals, as the gateway classifies them. */
export const refused = (
  kind: Extract<SendOutcome, { ok: false }>['kind'],
  code: string,
  extra: { retryAfterMs?: number } = {},
): Extract<SendOutcome, { ok: false }> => ({ ok: false, kind, code, title: `refused ${code}`, ...extra });
