import type { Channel, Region } from '@bridgeline/shared';
import type { BusinessNumberRecord } from './people.js';

/** Administration (docs/admin.md): numbers as admins manage them, the tenant's settings, the audit trail. */

export type TemplateRefRecord = { name: string; language: string };

export interface NewBusinessNumber {
  tenantId: string;
  channel: Channel;
  providerNumberId: string;
  displayPhone: string;
  region: Region;
  wabaId: string | null;
  enabled: boolean;
  optInTemplate: TemplateRefRecord | null;
  resumeTemplate: TemplateRefRecord | null;
}

export interface NumberPatch {
  displayPhone?: string;
  region?: Region;
  wabaId?: string;
  enabled?: boolean;
  optInTemplate?: TemplateRefRecord | null;
  resumeTemplate?: TemplateRefRecord | null;
}

export interface NumbersAdminPort {
  list(tenantId: string): Promise<BusinessNumberRecord[]>;
  /** Throws `DuplicateKey` when the channel's provider number id is registered already (any tenant). */
  create(input: NewBusinessNumber): Promise<BusinessNumberRecord>;
  update(tenantId: string, id: string, patch: NumberPatch, at: Date): Promise<BusinessNumberRecord | null>;
}

export interface TenantSettingsRecord {
  tenantId: string;
  whatsappEnabled: boolean;
  smsHelpText: string | null;
  restrictIncoming: boolean;
  defaultRegion: Region | null;
}

export interface TenantSettingsPort {
  get(tenantId: string): Promise<TenantSettingsRecord>;
  update(
    tenantId: string,
    patch: Partial<Omit<TenantSettingsRecord, 'tenantId'>>,
  ): Promise<TenantSettingsRecord>;
}

/** One `admin.*` archive record as the audit lists it. */
export interface AuditRecord {
  seq: number;
  at: Date;
  type: string;
  payload: Record<string, unknown>;
}

export interface AuditPort {
  /** The tenant's `admin.*` records with seq below `beforeSeq` (all when null), newest first, at most `limit`. */
  page(tenantId: string, beforeSeq: number | null, limit: number): Promise<AuditRecord[]>;
}

/** The admin area's persistence, beside the core's ports in the same transaction. */
export interface AdminStore {
  numbersAdmin: NumbersAdminPort;
  tenantSettings: TenantSettingsPort;
  audit: AuditPort;
}

/** A number's WhatsApp business profile, as Meta keeps it (docs/admin.md "Business profile"). */
export interface BusinessProfileRecord {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites: string[];
  vertical?: string;
  profilePictureUrl?: string;
}

export type ProfileAnswer<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Meta's `whatsapp_business_profile` of a WhatsApp number (its Cloud API phone number id). */
export interface BusinessProfilesPort {
  get(phoneNumberId: string): Promise<ProfileAnswer<BusinessProfileRecord>>;
  update(
    phoneNumberId: string,
    patch: Partial<Omit<BusinessProfileRecord, 'profilePictureUrl'>>,
  ): Promise<ProfileAnswer<null>>;
}
