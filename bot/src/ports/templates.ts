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
    at: Date;
  }): Promise<void>;
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
