import type { AppContext } from '../../app/context.js';
import type { Store, UnitOfWork } from '../../ports/index.js';
import type { RateLimitsPort } from '../graph/rate-limits.port.js';

/** Persistence only the WhatsApp adapter needs (declared beside it; db/ implements it): raw webhooks and their items. */
export interface WebhookEventsPort {
  /** The raw body as received; false when these exact bytes were already stored for the tenant. */
  record(input: {
    tenantId: string;
    bodySha256: string;
    body: string;
    signature: string | null;
    receivedAt: Date;
  }): Promise<boolean>;
}

/** Verified webhook items waiting to be applied (the webhook edge stays thin: store, answer, apply later). */
export interface InboxPort {
  /**
   * One statement: the raw body per tenant and every item of a known business number, each once. Answers the
   * business numbers it knew and the lanes that gained items.
   */
  accept(input: InboxBatch): Promise<{ knownNumbers: string[]; lanes: number[] }>;
  /** Takes the lane for this transaction ('busy' when another worker has it) and its next items that are due. */
  next(lane: number, now: Date, limit: number): Promise<InboxItem[] | 'busy'>;
  done(ids: string[], now: Date): Promise<void>;
  /** A failed attempt: retried at `retryAt`, or given up (kept with its error) when `retryAt` is null. */
  failed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void>;
  /** Lanes with items due. */
  dueLanes(now: Date): Promise<number[]>;
}

export interface InboxBatch {
  items: {
    phoneNumberId: string;
    kind: 'message' | 'status';
    providerId: string;
    lane: number;
    payload: unknown;
    /** Why the item cannot be read: kept (state `rejected`) for an operator, never applied. */
    rejected?: string;
  }[];
  bodySha256: string;
  body: string;
  signature: string | null;
  receivedAt: Date;
  /** Whose business numbers `phoneNumberId` names (default WhatsApp's; SMS events use the same inbox). */
  channel?: 'whatsapp' | 'sms';
}

export interface InboxItem {
  id: string;
  tenantId: string;
  kind: 'message' | 'status';
  payload: unknown;
  attempts: number;
}

/** What the WhatsApp adapter's transactions see: the core's ports, the webhook inbox and the send-rate buckets. */
export type WhatsAppTx = Store & {
  inbox: InboxPort;
  webhookEvents: WebhookEventsPort;
  rateLimits: RateLimitsPort;
};
export type WhatsAppContext = AppContext<WhatsAppTx>;
export type WhatsAppUnitOfWork = UnitOfWork<WhatsAppTx>;
