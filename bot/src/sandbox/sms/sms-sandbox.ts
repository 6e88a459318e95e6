import { randomUUID } from 'node:crypto';
import type { Clock, OutboundSms, SendOutcome, SmsGateway } from '../../ports/index.js';

/** One text on the simulated contact's phone. */
export interface SmsBubble {
  id: string;
  from: 'business' | 'contact';
  text: string;
  /** Epoch milliseconds on the app's clock. */
  at: number;
  /** Business texts: what the carrier reported (a delivery report is posted for each). */
  state: 'sent' | 'delivered' | 'failed';
}

export interface SmsChat {
  contactPhone: string;
  businessPhone: string;
  messages: SmsBubble[];
}

export interface SmsSandboxSettings {
  /** The delivery report each business text gets: Delivered, Failed (with a carrier reason), or none. */
  deliveryReports: 'delivered' | 'failed' | 'off';
  /** Wall-clock wait before the report, in milliseconds. */
  reportDelayMs: number;
}

export interface SmsSandboxLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** A landline of the sandbox: any number ending in 9999 is not SMS-capable. */
export const NOT_SMS_CAPABLE_SUFFIX = '9999';

/**
 * The SMS side of the simulator (SMS_PROVIDER=sandbox, never production): the `SmsGateway` the app sends through,
 * and the contact's phone for texts. Like Azure Communication Services, it answers a send with a message id, then
 * posts Event Grid's `SMSDeliveryReportReceived` (tagged with our message id) to `/api/sms/events?code=…`; a text the
 * contact writes is posted as `SMSReceived`. State lives in memory.
 */
export class SmsSandbox implements SmsGateway {
  settings: SmsSandboxSettings = { deliveryReports: 'delivered', reportDelayMs: 100 };
  private readonly chats = new Map<string, SmsChat>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<() => void>();
  private eventsUrl: string | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      secret: string;
      log: SmsSandboxLogger;
      defaultBusinessPhone: string;
    },
  ) {}

  /** The server listens at this origin: events are posted there. */
  bind(origin: string): void {
    this.eventsUrl = `${origin}/api/sms/events?code=${encodeURIComponent(this.deps.secret)}`;
  }

  allChats(): SmsChat[] {
    return [...this.chats.values()];
  }

  async send(m: OutboundSms): Promise<SendOutcome> {
    const to = m.to.phoneE164;
    if (to === null)
      return { ok: false, kind: 'permanent', code: 'no_recipient', title: 'The contact has no phone number' };
    if (to.endsWith(NOT_SMS_CAPABLE_SUFFIX))
      // ACS answers a landline inside its 202, per recipient: its words become the failed message's reason.
      return {
        ok: false,
        kind: 'permanent',
        code: 'acs_400',
        title: 'The recipient number is not SMS-capable',
      };
    const businessPhone = `+${m.from.displayPhone.replace(/[^0-9]/g, '')}`;
    const id = `Outgoing_${randomUUID()}`;
    const bubble: SmsBubble = { id, from: 'business', text: m.text, at: this.now(), state: 'sent' };
    this.chat(to, businessPhone).messages.push(bubble);
    this.changed();
    const report = this.settings.deliveryReports;
    if (report !== 'off')
      this.later(this.settings.reportDelayMs, () => {
        bubble.state = report;
        this.changed();
        void this.post([
          this.event('Microsoft.Communication.SMSDeliveryReportReceived', id, businessPhone, {
            messageId: id,
            from: businessPhone.slice(1),
            to,
            deliveryStatus: report === 'delivered' ? 'Delivered' : 'Failed',
            deliveryStatusDetails:
              report === 'delivered' ? 'No error.' : 'Unreachable destination (sandbox).',
            receivedTimestamp: new Date(this.now()).toISOString(),
            deliveryAttempts: [
              {
                timestamp: new Date(this.now()).toISOString(),
                segmentsSucceeded: report === 'delivered' ? 1 : 0,
                segmentsFailed: report === 'delivered' ? 0 : 1,
              },
            ],
            tag: m.messageId,
          }),
        ]);
      });
    return { ok: true, providerMessageId: id };
  }

  /** The contact texts the business (the phone page, tests): posted as Event Grid's `SMSReceived`. */
  async contactSends(input: {
    from: string;
    to?: string | undefined;
    text: string;
  }): Promise<{ id: string; posted: boolean }> {
    const businessPhone = input.to ?? this.deps.defaultBusinessPhone;
    const id = `Incoming_${randomUUID()}`;
    this.chat(input.from, businessPhone).messages.push({
      id,
      from: 'contact',
      text: input.text,
      at: this.now(),
      state: 'delivered',
    });
    this.changed();
    const posted = await this.post([
      this.event('Microsoft.Communication.SMSReceived', id, businessPhone, {
        messageId: id,
        from: input.from.slice(1),
        to: businessPhone.slice(1),
        message: input.text,
        receivedTimestamp: new Date(this.now()).toISOString(),
        segmentCount: 1,
      }),
    ]);
    return { id, posted };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }

  private chat(contactPhone: string, businessPhone: string): SmsChat {
    const key = `${businessPhone}:${contactPhone}`;
    let chat = this.chats.get(key);
    if (!chat) {
      chat = { contactPhone, businessPhone, messages: [] };
      this.chats.set(key, chat);
    }
    return chat;
  }

  /** An event in the Event Grid schema, shaped like Microsoft's examples. */
  private event(type: string, id: string, businessPhone: string, data: Record<string, unknown>) {
    return {
      id,
      topic:
        '/subscriptions/sandbox/resourceGroups/sandbox/providers/microsoft.communication/communicationservices/sandbox',
      subject: `/phonenumber/${businessPhone.slice(1)}`,
      data,
      eventType: type,
      dataVersion: '1.0',
      metadataVersion: '1',
      eventTime: new Date(this.now()).toISOString(),
    };
  }

  /** Posts like Event Grid: retried (a few times here) until the app answers 2xx. */
  private async post(events: unknown[]): Promise<boolean> {
    const url = this.eventsUrl;
    if (url === null) return false;
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
          body: JSON.stringify(events),
        });
        if (res.ok) return true;
        this.deps.log.warn({ status: res.status, attempt }, 'sandbox SMS event refused');
        if (res.status < 500) return false;
      } catch (error) {
        this.deps.log.warn({ err: error, attempt }, 'sandbox SMS event not delivered');
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
    return false;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
