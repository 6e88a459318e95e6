import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetSandbox, startSandbox, type SandboxHarness } from '../sandbox-harness.js';

let h: SandboxHarness;

beforeAll(async () => {
  h = await startSandbox();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => resetSandbox(h));

describe("the phone page's routes", () => {
  it('serves the phone page and refuses bad settings', async () => {
    const page = await fetch(`${h.url}/sandbox`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Bridgeline sandbox');
    expect((await h.phone('PUT', '/sandbox/settings', { errorRate: 2 })).status).toBe(400);
    expect((await h.phone('PUT', '/sandbox/settings', { nonsense: true })).status).toBe(400);
  });

  it('serves the page with its script and styles from /sandbox/page/, under a policy that runs no inline code', async () => {
    const page = await fetch(`${h.url}/sandbox/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const script = await fetch(`${h.url}/sandbox/page/phone.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("from './dom.js'");
    const styles = await fetch(`${h.url}/sandbox/page/handset.css`);
    expect(styles.headers.get('content-type')).toContain('text/css');
    expect(await styles.text()).toContain('.bubble');
    const missing = await fetch(`${h.url}/sandbox/page/tsconfig.json`);
    expect(missing.status).toBe(404);
  });
});
