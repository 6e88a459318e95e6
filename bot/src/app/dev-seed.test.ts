import { describe, expect, it } from 'vitest';
import { inMemoryStore } from '../../test/fakes/index.js';
import type { DemoNumber } from './dev-seed.js';
import { DEMO_CONTACTS, DEMO_MEMBERS, seedDemoTenant } from './dev-seed.js';

const config: { whatsapp: DemoNumber } = {
  whatsapp: {
    phoneNumberId: '100200300',
    displayPhoneNumber: '+1 555 0100',
    wabaId: 'waba-1',
    region: 'us',
  },
};

describe('seedDemoTenant', () => {
  it('creates Contoso with its members, numbers and contacts once; a second start does nothing', async () => {
    const { uow, state } = inMemoryStore();
    const first = await seedDemoTenant(uow, config);
    expect(first.created).toBe(true);
    expect(state.members).toHaveLength(DEMO_MEMBERS.length);
    expect(state.numbers.map((n) => n.channel)).toEqual(['sms', 'whatsapp']);
    expect(state.contacts).toHaveLength(DEMO_CONTACTS.length);
    expect(await seedDemoTenant(uow, config)).toEqual({ tenantId: first.tenantId, created: false });
    expect(state.tenants).toHaveLength(1);
  });
});
