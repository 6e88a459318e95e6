import type { Region } from '@bridgeline/shared';

/** A restriction Meta put on a number or its WABA, until `expiresAt` (null: until lifted). */
export interface RestrictionRecord {
  type: string;
  expiresAt: Date | null;
}

/** A WhatsApp business number's standing with Meta, as last reported (issue 18). */
export interface NumberHealthRecord {
  id: string;
  tenantId: string;
  displayPhone: string;
  region: Region;
  wabaId: string | null;
  qualityRating: string | null;
  messagingLimit: string | null;
  restrictions: RestrictionRecord[];
  updatedAt: Date | null;
}

export interface NumberHealthChangeRecord {
  tenantId: string;
  businessNumberId: string;
  event: string;
  qualityRating: string | null;
  messagingLimit: string | null;
  restrictions: RestrictionRecord[];
  downgrade: boolean;
  occurredAt: Date;
}

export interface NumberHealthPort {
  /** The tenant's WhatsApp numbers of this WABA, locked for the rest of the transaction. */
  lockOfWaba(tenantId: string, wabaId: string): Promise<NumberHealthRecord[]>;
  /** The tenant's WhatsApp numbers. */
  list(tenantId: string): Promise<NumberHealthRecord[]>;
  update(
    tenantId: string,
    id: string,
    standing: Pick<NumberHealthRecord, 'qualityRating' | 'messagingLimit' | 'restrictions'>,
    at: Date,
  ): Promise<void>;
  appendChange(change: NumberHealthChangeRecord): Promise<void>;
  /** The latest changes of each of these numbers, newest first, at most `perNumber` each. */
  history(tenantId: string, ids: string[], perNumber: number): Promise<NumberHealthChangeRecord[]>;
}

/** Priced WhatsApp messages of a period, grouped (one row per group): what the usage view adds up. */
export interface PricedGroup {
  businessNumberId: string | null;
  displayPhone: string | null;
  memberId: string | null;
  memberName: string | null;
  pricingType: string | null;
  category: string | null;
  billable: boolean | null;
  /** The earliest report of the group; every message of a group is on one side of the 1 October 2026 change. */
  firstAt: Date;
  messages: number;
}

export interface UsagePort {
  /** One row per group of messages Meta priced in [from, to) (each message counted once, at its first priced status). */
  priced(tenantId: string, from: Date, to: Date, cutoff: Date): Promise<PricedGroup[]>;
}

export interface RateCardRecord {
  currency: string;
  rates: { category: 'marketing' | 'utility' | 'authentication' | 'service'; price: number }[];
  updatedAt: Date | null;
}

export interface RateCardsPort {
  get(tenantId: string): Promise<RateCardRecord | null>;
  /** Replaces the tenant's card. */
  put(tenantId: string, card: Omit<RateCardRecord, 'updatedAt'>, by: string, at: Date): Promise<void>;
}
