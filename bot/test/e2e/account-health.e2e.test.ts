import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { metaJson, postWebhook, type Json } from '../whatsapp/webhook/webhook-builders.js';
import { useTabInBrowser } from './tab-harness.js';

/**
 * The admin area's WhatsApp health sections in Chromium (docs/admin.md): Templates with the banner of what breaks,
 * Number health, Usage with the rate card. Data arrives as Meta would send it (signed webhooks from the fixtures).
 * Screenshots go to test-artifacts/health/.
 */
const tab = useTabInBrowser('health/admin');
const { shot } = tab;

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/whatsapp/${name}`, import.meta.url), 'utf8')) as Json;
const post = async (body: Json) =>
  expect((await postWebhook(tab.running.url, metaJson(body))).status).toBe(200);

function pricedStatus(category: string, type: string, at: Date): Json {
  const body = fixture('status-pricing.json') as { entry: { changes: { value: { statuses: Json[] } }[] }[] };
  Object.assign(body.entry[0]!.changes[0]!.value.statuses[0]!, {
    id: `wamid.${randomUUID().replace(/-/g, '')}`,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    pricing: { billable: type === 'regular', pricing_model: 'PMP', category, type },
  });
  return body as unknown as Json;
}

beforeAll(async () => {
  await post(fixture('template-status-paused.json'));
  const flagged = fixture('template-status-flagged.json') as {
    entry: { changes: { value: { disable_info: { disable_date: number } } }[] }[];
  };
  flagged.entry[0]!.changes[0]!.value.disable_info.disable_date = Math.floor(Date.now() / 1000) + 10 * 86_400;
  await post(flagged as unknown as Json);
  await post(fixture('template-quality-red.json'));
  await post(fixture('phone-number-quality-downgrade.json'));
  await post(fixture('phone-number-quality-flagged.json'));
  const now = new Date();
  for (const [category, type, n] of [
    ['service', 'free_customer_service', 6],
    ['utility', 'free_customer_service', 3],
    ['marketing', 'regular', 2],
    ['service', 'free_entry_point', 1],
  ] as const)
    for (let i = 0; i < n; i++) await post(pricedStatus(category, type, now));
}, 180_000);

async function open(page: Page, section: string, heading: string) {
  await page.goto(`${tab.running.url}/#/admin/${section}`);
  await page.getByRole('heading', { name: heading }).waitFor();
}

describe('the WhatsApp health sections of the admin area', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`shows templates with what breaks, number health and usage (${scheme})`, async () => {
      const alice = await tab.signedIn('alice@contoso.test', scheme, { height: 900 });
      await open(alice, 'templates', 'Templates');
      await alice.getByText('The opt-in template "bridgeline_opt_in" cannot be sent (PAUSED)').waitFor();
      await alice.getByRole('table', { name: 'Templates' }).getByText('appointment_reminder').waitFor();
      await shot(alice, `templates-${scheme}`);

      await open(alice, 'health', 'Number health');
      await alice.getByText('Latest changes').waitFor();
      await shot(alice, `number-health-${scheme}`);

      await open(alice, 'usage', 'Usage');
      await alice.getByRole('table', { name: 'Category' }).getByText('service').waitFor();
      if (scheme === 'light') {
        await alice.getByLabel('Service').fill('0.0088');
        await alice.getByLabel('Utility').fill('0.0034');
        await alice.getByLabel('Marketing').fill('0.025');
        await alice.getByRole('button', { name: 'Save' }).click();
        await alice.getByText('Rate card saved. The change is archived.').waitFor();
      }
      await alice.getByText(/charged only because of that change/).waitFor();
      await shot(alice, `usage-${scheme}`);
    });
  }
});
