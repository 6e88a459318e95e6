export interface TemplateRecord {
  tenantId: string;
  wabaId: string;
  name: string;
  language: string;
  providerTemplateId: string | null;
  category: string | null;
  status: string;
  quality: string | null;
  body: string;
  parameterCount: number;
  quickReplies: string[];
  updatedAt: Date;
  /** FLAGGED: the day Meta disables it unless its quality improves. Absent: none. */
  disableDate?: Date | null;
  reason?: string | null;
}

export interface TemplatesPort {
  upsert(input: TemplateRecord): Promise<void>;
  /** A status or quality change from a webhook; creates a row when the catalogue did not know the template. */
  applyUpdate(input: {
    tenantId: string;
    wabaId: string;
    name: string;
    language: string;
    providerTemplateId: string;
    status: string | null;
    quality: string | null;
    reason: string | null;
    category?: string | null;
    /** Set with a FLAGGED (or DISABLED) status; any other status change clears it. */
    disableDate?: Date | null;
    at: Date;
  }): Promise<void>;
  /** One template of the catalogue, locked for the rest of the transaction; null when unknown. */
  lockOne(tenantId: string, wabaId: string, name: string, language: string): Promise<TemplateRecord | null>;
  /** Every template of the tenant, whatever its status, by name and language. */
  all(tenantId: string): Promise<TemplateRecord[]>;
  /** Rows of the WABA not seen in a full sync are gone at Meta: their status becomes DELETED. */
  markMissing(
    tenantId: string,
    wabaId: string,
    keep: { name: string; language: string }[],
    at: Date,
  ): Promise<void>;
  approved(tenantId: string): Promise<TemplateRecord[]>;
  tenantsOfWaba(wabaId: string): Promise<string[]>;
}
