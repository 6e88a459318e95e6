export interface ContactRecord {
  id: string;
  tenantId: string;
  displayName: string | null;
  phoneE164: string | null;
  waId: string | null;
  bsuid: string | null;
  username: string | null;
  createdAt: Date;
}

export interface ContactIdentityInput {
  tenantId: string;
  phoneE164: string | null;
  waId: string | null;
  bsuid: string | null;
  username: string | null;
  displayName: string | null;
}

export interface ContactsPort {
  byId(tenantId: string, id: string): Promise<ContactRecord | null>;
  byPhone(tenantId: string, phoneE164: string): Promise<ContactRecord | null>;
  search(tenantId: string, query: string | undefined, limit: number): Promise<ContactRecord[]>;
  /** Inserts unless a contact with that phone exists; answers the stored one and whether it was created. */
  createOrGet(input: {
    tenantId: string;
    phoneE164: string;
    displayName: string | null;
  }): Promise<{ contact: ContactRecord; created: boolean }>;
}

/** WhatsApp identities of contacts: every Brazil/Mexico spelling of a number, and business-scoped user ids. */
export interface IdentitiesPort {
  /** The contact matching any of the wa_id variants (as wa_id or as phone) or the BSUID. */
  find(tenantId: string, ids: { waIds: string[]; bsuid: string | null }): Promise<ContactRecord | null>;
  /** Inserts unless a contact with that phone, wa_id or BSUID exists; answers the stored one. */
  createOrGet(input: ContactIdentityInput): Promise<ContactRecord>;
  /** Fills what Meta told us and we did not know; never overwrites a name a member typed. */
  complete(tenantId: string, id: string, input: Omit<ContactIdentityInput, 'tenantId'>): Promise<void>;
}
