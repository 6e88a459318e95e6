import type { Channel, Region } from '@bridgeline/shared';

export interface TenantRecord {
  id: string;
  name: string;
  enabled: boolean;
  /** The tenant's settings (docs/admin.md "Settings"); absent in fakes: WhatsApp on, incoming not restricted. */
  whatsappEnabled?: boolean;
  restrictIncoming?: boolean;
  defaultRegion?: Region | null;
}

export interface MemberRecord {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  aadObjectId: string | null;
  region: Region;
  enabled: boolean;
  isAdmin: boolean;
  /** The member's SMS number (a business number of the tenant, channel `sms`, of the member's region). */
  smsNumberId: string | null;
  /** That number in E.164 (read only: follows `smsNumberId`). */
  smsNumber: string | null;
  /** Just enabled by an admin: the tab shows the first-run notice until the member dismisses it (absent: false). */
  firstRunPending?: boolean;
}

export interface BusinessNumberRecord {
  id: string;
  tenantId: string;
  channel: Channel;
  providerNumberId: string;
  displayPhone: string;
  region: Region;
  /** The rest is read by the admin area and the consent/resume flows (absent in fakes that do not need it). */
  wabaId?: string | null;
  /** A disabled number starts no new thread (`forRegion` skips it); its threads still receive and deliver. */
  enabled?: boolean;
  /** This number's opt-in and resume templates; null: the server's defaults (`AppContext.templates`). */
  optInTemplate?: { name: string; language: string } | null;
  resumeTemplate?: { name: string; language: string } | null;
  qualityRating?: string | null;
  messagingLimit?: string | null;
  restrictions?: string[];
  updatedAt?: Date;
}

export interface TenantsPort {
  byId(id: string): Promise<TenantRecord | null>;
  /** The tenant of an Entra tenant id (`tid`). Entra ids are GUIDs: compared case-insensitively. */
  byEntraId(aadTenantId: string): Promise<TenantRecord | null>;
  /** Throws `DuplicateKey` when a tenant with this Entra id exists already (a concurrent first sign-in). */
  create(input: { name: string; aadTenantId?: string | null }): Promise<TenantRecord>;
  byName(name: string): Promise<TenantRecord | null>;
  /** The tenant's answer to an SMS "HELP" (`tenants.sms_help_text`); null: Bridgeline's default. */
  smsHelpText(tenantId: string): Promise<string | null>;
}

export interface MembersPort {
  byId(tenantId: string, id: string): Promise<MemberRecord | null>;
  byIds(tenantId: string, ids: string[]): Promise<MemberRecord[]>;
  byEmail(tenantId: string, email: string): Promise<MemberRecord | null>;
  byEmailAnyTenant(email: string): Promise<MemberRecord[]>;
  /**
   * The member, enabled or not, with this Entra object id (`oid`) in the tenant of this Entra tenant id (`tid`): who
   * a Teams SSO token or a Teams activity names. Entra ids are GUIDs: both are compared case-insensitively.
   */
  byEntraId(aadTenantId: string, aadObjectId: string): Promise<MemberRecord | null>;
  search(
    tenantId: string,
    filter: { query?: string | undefined; region?: Region | undefined },
  ): Promise<MemberRecord[]>;
  /** Throws `DuplicateKey` when the tenant has a member with this email or Entra object id already. */
  create(input: Omit<MemberRecord, 'id' | 'smsNumber'>): Promise<MemberRecord>;
  /** Throws `DuplicateKey` when the change would give two members of the tenant one email or Entra object id. */
  update(
    tenantId: string,
    id: string,
    patch: Partial<Omit<MemberRecord, 'id' | 'tenantId' | 'smsNumber'>>,
  ): Promise<MemberRecord | null>;
}

export interface NumbersPort {
  byId(tenantId: string, id: string): Promise<BusinessNumberRecord | null>;
  forRegion(tenantId: string, channel: Channel, region: Region): Promise<BusinessNumberRecord | null>;
  byProviderId(channel: Channel, providerNumberId: string): Promise<BusinessNumberRecord | null>;
  /** The SMS number with these digits, in any tenant (an inbound SMS names only the number it was sent to). */
  smsByPhone(phoneE164: string): Promise<BusinessNumberRecord | null>;
  create(input: Omit<BusinessNumberRecord, 'id'> & { wabaId?: string | null }): Promise<BusinessNumberRecord>;
}

/**
 * A write refused because another row holds the same unique key (a tenant's Entra id; a member's email or Entra
 * object id in its tenant), usually a concurrent transaction that got there first. The transaction rolls back; a
 * caller that expects the race reads again and finds what the winner wrote.
 */
export class DuplicateKey extends Error {
  constructor(options?: { cause?: unknown }) {
    super('a row with the same unique key exists already', options);
    this.name = 'DuplicateKey';
  }
}
