import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  SmsGateway,
  WhatsAppGateway,
} from '../ports/index.js';

/**
 * The gateway deliveries use: each message goes to the provider of its thread's channel (WhatsApp's Cloud API, or the
 * SMS provider). Read receipts exist only on WhatsApp.
 */
export class ChannelGateway implements WhatsAppGateway {
  constructor(private readonly gateways: { whatsapp: WhatsAppGateway; sms: SmsGateway }) {}

  send(message: OutboundMessage): Promise<SendOutcome> {
    if (message.channel === 'whatsapp') return this.gateways.whatsapp.send(message);
    const content = message.content;
    // Only text reaches an SMS thread (shared channelCarries); anything else would be a bug upstream, said in words.
    if (content.type !== 'text')
      return Promise.resolve({
        ok: false,
        kind: 'permanent',
        code: 'not_sms',
        title: `An SMS carries text only, not ${content.type === 'image' ? 'an image' : 'a template'}`,
      });
    return this.gateways.sms.send({
      from: message.from,
      to: message.to,
      messageId: message.messageId,
      text: content.text,
    });
  }

  markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    const wa = this.gateways.whatsapp;
    if (from.channel !== 'whatsapp' || !wa.markRead)
      return Promise.resolve({
        ok: false,
        kind: 'permanent',
        code: 'unsupported',
        title: 'No read receipts on SMS',
      });
    return wa.markRead(from, providerMessageId);
  }
}
