import type { ConsentState, Reachability } from '@bridgeline/shared';

export interface PairKey {
  tenantId: string;
  businessNumberId: string;
  contactId: string;
}

/** Consent and window of one (business number, contact). */
export interface PairRecord extends PairKey {
  consent: ConsentState;
  reachability: Reachability;
  lastRequestedAt: Date | null;
  lastInboundAt: Date | null;
  resumeRequestedAt: Date | null;
}

export interface ConsentEventRecord extends PairKey {
  /** `help`: an SMS "HELP" (answered with the tenant's help text), kept as evidence like the others. */
  kind: 'requested' | 'opted_in' | 'opted_out' | 'unreachable' | 'help';
  basis: string;
  requestedBy?: string | null;
  templateName?: string | null;
  templateLanguage?: string | null;
  requestMessageId?: string | null;
  answerProviderMessageId?: string | null;
  answerText?: string | null;
  occurredAt: Date;
}

export interface PairsPort {
  /** The pair's row, created in state `none` when missing, locked for the rest of the transaction. */
  lock(key: PairKey): Promise<PairRecord>;
  get(key: PairKey): Promise<PairRecord>;
  /** Guarded transition: changes consent only if it is still `from`. */
  setConsent(key: PairKey, from: ConsentState, to: ConsentState): Promise<boolean>;
  update(
    key: PairKey,
    patch: Partial<
      Pick<PairRecord, 'reachability' | 'lastRequestedAt' | 'lastInboundAt' | 'resumeRequestedAt'>
    >,
  ): Promise<void>;
  appendEvent(event: ConsentEventRecord): Promise<void>;
  events(key: PairKey): Promise<(ConsentEventRecord & { id: number })[]>;
}
