import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from './browser-support.js';
import { useTabInBrowser } from './tab-harness.js';

/**
 * The admin's Organisation area in Chromium (docs/admin.md §7): a business number switched off and on, a setting
 * changed, the business profile saved at the sandbox's Meta, and each change in the audit. Screenshots, light and
 * dark, go to test-artifacts/admin/.
 */
const tab = useTabInBrowser('admin/organisation');

beforeAll(() => {
  mkdirSync(path.dirname(artifactPath('admin/x')), { recursive: true });
});

describe('the Organisation admin area in a real browser', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`switches a number off and on, changes a setting and the profile, and lists them in the audit (${scheme})`, async () => {
      const alice = await tab.signedIn('alice@contoso.test', scheme, { height: 2200 });
      await alice.getByRole('tab', { name: 'Admin' }).click();
      await alice.getByRole('tab', { name: 'Organisation' }).click();
      const numbers = alice.getByRole('list', { name: 'Business numbers' });
      await numbers.waitFor();
      const first = numbers.getByRole('switch').first();
      await first.click();
      await numbers.getByText('Off').waitFor();
      await first.click();
      await alice.getByRole('switch', { name: /Restrict incoming/ }).click();
      const about = alice.getByRole('textbox', { name: /About/ });
      await about.fill(`Contoso Bank, private banking (${scheme})`);
      await alice.getByRole('button', { name: 'Save profile' }).click();
      await alice.getByText('Saved at Meta.').waitFor();
      await alice.reload();
      await alice.getByRole('list', { name: 'Admin changes' }).getByText('profile updated').first().waitFor();
      const audit = await alice.getByRole('list', { name: 'Admin changes' }).innerText();
      expect(audit).toMatch(/number updated/);
      expect(audit).toMatch(/settings updated/);
      await tab.shot(alice, scheme);
    });
  }
});
