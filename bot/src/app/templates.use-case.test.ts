import { describe, expect, it } from 'vitest';
import { aMember, aNumber, aTemplate, aTenant, fakeContext } from '../../test/fakes/index.js';
import { listApprovedTemplates, syncTemplateCatalogue, type CatalogueEntry } from './templates.use-case.js';

const entry = (name: string, over: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
  name,
  language: 'en',
  providerTemplateId: `t-${name}`,
  category: 'UTILITY',
  status: 'APPROVED',
  quality: null,
  body: `Body of ${name}`,
  parameterCount: 0,
  quickReplies: [],
  ...over,
});

describe('templates', () => {
  it('members are offered only approved templates', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    const alice = aMember(w, tenant.id);
    aTemplate(w, tenant.id, { name: 'order_update' });
    aTemplate(w, tenant.id, { name: 'pending_review', status: 'PENDING' });
    const result = await listApprovedTemplates(w.ctx, alice);
    expect(result).toMatchObject({ ok: true, value: [{ name: 'order_update', category: 'UTILITY' }] });
  });

  it('members are not offered the templates Bridgeline sends itself (the opt-in and resume requests)', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    const alice = aMember(w, tenant.id);
    const { optIn, resume } = w.ctx.templates;
    aTemplate(w, tenant.id, { name: optIn.name, language: optIn.language });
    aTemplate(w, tenant.id, { name: resume.name, language: resume.language });
    aTemplate(w, tenant.id, { name: 'order_update' });
    const result = await listApprovedTemplates(w.ctx, alice);
    expect(result.ok && result.value.map((t) => t.name)).toEqual(['order_update']);
  });

  it('a full sync replaces the catalogue of every tenant of the WABA; templates Meta no longer lists are DELETED', async () => {
    const w = fakeContext();
    const contoso = aTenant(w);
    const fabrikam = aTenant(w, { name: 'Fabrikam' });
    aNumber(w, contoso.id, { wabaId: 'waba-1' });
    aNumber(w, fabrikam.id, { wabaId: 'waba-1' });
    aTemplate(w, contoso.id, { name: 'retired' });
    const result = await syncTemplateCatalogue(w.ctx, 'waba-1', [entry('welcome'), entry('order_update')]);
    expect(result).toEqual({ tenants: 2, templates: 2 });
    const statusOf = (tenantId: string) =>
      Object.fromEntries(
        w.state.templates.filter((t) => t.tenantId === tenantId).map((t) => [t.name, t.status]),
      );
    expect(statusOf(contoso.id)).toEqual({
      retired: 'DELETED',
      welcome: 'APPROVED',
      order_update: 'APPROVED',
    });
    expect(statusOf(fabrikam.id)).toEqual({ welcome: 'APPROVED', order_update: 'APPROVED' });
  });

  it('a sync of a WABA no tenant uses changes nothing', async () => {
    const w = fakeContext();
    expect(await syncTemplateCatalogue(w.ctx, 'waba-unknown', [entry('welcome')])).toEqual({
      tenants: 0,
      templates: 1,
    });
    expect(w.state.templates).toEqual([]);
  });
});
