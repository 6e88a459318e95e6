import type { Region } from '@bridgeline/shared';
import type { Store, UnitOfWork } from '../ports/index.js';

/**
 * Dev mode's demo tenant (docs/tab.md, sign-in modes): Contoso with alice@contoso.test (us, admin, enabled) and a few colleagues,
 * the default business number and demo contacts. Runs once; a second start finds Contoso and does nothing.
 */
/** Entra ids of the demo tenant and of Alice, which the Agents Playground's config (.m365agentsplayground.yml) uses. */
export const DEMO_AAD_TENANT_ID = 'b1d9e11e-0000-4000-8000-0000000000aa';
export const DEMO_ALICE_AAD_OBJECT_ID = 'b1d9e11e-0000-4000-8000-00000000a11c';

export const DEMO_MEMBERS = [
  {
    email: 'alice@contoso.test',
    displayName: 'Alice Johnson',
    region: 'us',
    enabled: true,
    isAdmin: true,
    sms: true,
  },
  {
    email: 'bob@contoso.test',
    displayName: 'Bob Smith',
    region: 'us',
    enabled: true,
    isAdmin: false,
    sms: false,
  },
  {
    email: 'carol@contoso.test',
    displayName: 'Carol Martin',
    region: 'eu',
    enabled: true,
    isAdmin: false,
    sms: false,
  },
  {
    email: 'dave@contoso.test',
    displayName: 'Dave Lee',
    region: 'us',
    enabled: false,
    isAdmin: false,
    sms: false,
  },
] as const;

export const DEMO_CONTACTS = [
  { displayName: 'Dana Whitfield', phone: '+14155550123' },
  { displayName: 'Miguel Herrera', phone: '+525512345678' },
  { displayName: 'Priya Natarajan', phone: '+447911123456' },
] as const;

/** The business number the demo tenant gets (the configured WhatsApp number: config.ts `whatsapp`). */
export interface DemoNumber {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  region: Region;
}

export async function seedDemoTenant(
  uow: UnitOfWork<Pick<Store, 'tenants' | 'members' | 'numbers' | 'contacts'>>,
  config: { whatsapp: DemoNumber },
): Promise<{ tenantId: string; created: boolean }> {
  return uow.run(async (store) => {
    const existing = await store.tenants.byName('Contoso');
    if (existing) return { tenantId: existing.id, created: false };
    const tenant = await store.tenants.create({ name: 'Contoso', aadTenantId: DEMO_AAD_TENANT_ID });
    // Alice's SMS number (the sandbox phone page texts it; ACS would need a number bought in the resource).
    const sms = await store.numbers.create({
      tenantId: tenant.id,
      channel: 'sms',
      providerNumberId: '+15550100001',
      displayPhone: '+1 555 010 0001',
      region: 'us',
    });
    for (const { sms: hasSms, ...m } of DEMO_MEMBERS) {
      const aadObjectId = m.email === 'alice@contoso.test' ? DEMO_ALICE_AAD_OBJECT_ID : null;
      await store.members.create({
        tenantId: tenant.id,
        aadObjectId,
        ...m,
        smsNumberId: hasSms ? sms.id : null,
      });
    }
    await store.numbers.create({
      tenantId: tenant.id,
      channel: 'whatsapp',
      providerNumberId: config.whatsapp.phoneNumberId,
      displayPhone: config.whatsapp.displayPhoneNumber,
      wabaId: config.whatsapp.wabaId,
      region: config.whatsapp.region,
    });
    for (const c of DEMO_CONTACTS) {
      await store.contacts.createOrGet({
        tenantId: tenant.id,
        phoneE164: c.phone,
        displayName: c.displayName,
      });
    }
    return { tenantId: tenant.id, created: true };
  });
}
