import type { Channel, Region } from '@bridgeline/shared';

export interface TenantRecord {
  id: string;
  name: string;
  enabled: boolean;
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
  smsNumber: string | null;
}

export interface BusinessNumberRecord {
  id: string;
  tenantId: string;
  channel: Channel;
  providerNumberId: string;
  displayPhone: string;
  region: Region;
}

export interface TenantsPort {
  byId(id: string): Promise<TenantRecord | null>;
  create(input: { name: string; aadTenantId?: string | null }): Promise<TenantRecord>;
  byName(name: string): Promise<TenantRecord | null>;
}

export interface MembersPort {
  byId(tenantId: string, id: string): Promise<MemberRecord | null>;
  byIds(tenantId: string, ids: string[]): Promise<MemberRecord[]>;
  byEmail(tenantId: string, email: string): Promise<MemberRecord | null>;
  byEmailAnyTenant(email: string): Promise<MemberRecord[]>;
  search(
    tenantId: string,
    filter: { query?: string | undefined; region?: Region | undefined },
  ): Promise<MemberRecord[]>;
  create(input: Omit<MemberRecord, 'id'>): Promise<MemberRecord>;
  update(
    tenantId: string,
    id: string,
    patch: Partial<Omit<MemberRecord, 'id' | 'tenantId'>>,
  ): Promise<MemberRecord | null>;
}

export interface NumbersPort {
  byId(tenantId: string, id: string): Promise<BusinessNumberRecord | null>;
  forRegion(tenantId: string, channel: Channel, region: Region): Promise<BusinessNumberRecord | null>;
  byProviderId(channel: Channel, providerNumberId: string): Promise<BusinessNumberRecord | null>;
  create(input: Omit<BusinessNumberRecord, 'id'> & { wabaId?: string | null }): Promise<BusinessNumberRecord>;
}
