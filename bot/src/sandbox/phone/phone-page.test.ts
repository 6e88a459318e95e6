import { describe, expect, it } from 'vitest';
import { PhonePage } from './phone-page.js';

describe("the contact's phone page files", () => {
  it('serves each page module as JavaScript transpiled from its TypeScript when run from sources', async () => {
    const page = new PhonePage();
    for (const name of ['phone.js', 'dom.js', 'settings-panel.js']) {
      const asset = await page.file(name);
      expect(asset?.contentType).toBe('text/javascript; charset=utf-8');
      // No TypeScript left: no type-only imports, annotations or interfaces.
      expect(asset?.body).not.toMatch(/import type|\): Promise<|^interface /m);
    }
    expect((await page.file('phone.js'))?.body).toContain("from './dom.js'");
  });

  it('links only its own stylesheets and module script, none inline, and serves every one of them', async () => {
    const page = new PhonePage();
    const html = await page.html();
    expect(html.contentType).toBe('text/html; charset=utf-8');
    expect(html.body).not.toMatch(/<style|<script(?![^>]*\ssrc=)/);
    const linked = [...html.body.matchAll(/(?:href|src)="\/sandbox\/page\/([^"]+)"/g)].map((m) => m[1]!);
    expect(linked).toEqual(['phone.css', 'handset.css', 'phone.js', 'sms-panel.js']);
    for (const name of linked) expect(await page.file(name), name).not.toBeNull();
    expect((await page.file('handset.css'))?.contentType).toBe('text/css; charset=utf-8');
  });

  it('serves nothing else from its folder: no sources, configs, other paths or missing files', async () => {
    const page = new PhonePage();
    for (const name of ['phone.ts', 'tsconfig.json', 'phone.html', '../phone.routes.js', 'nope.js', '.css']) {
      expect(await page.file(name), name).toBeNull();
    }
  });
});
