import type { Config } from './config.js';

/**
 * What `npm start` tells the person who ran it, in words (issue 16): where the tab and the sandbox phone are, and which
 * sign-in, database and WhatsApp mode this process runs in. Printed once the server listens (after the logs).
 */
export function startupBanner(config: Config, url: string): string {
  const base = url.replace(/\/$/, '');
  const lines = [`Bridgeline is ready (role: ${config.role}).`];
  if (config.role !== 'worker') {
    lines.push(`  Tab:        ${base}/`);
    if (config.sandbox)
      lines.push(`  Sandbox:    ${base}/sandbox  (the contact's phone: open it in another window)`);
  }
  lines.push(
    config.authMode === 'dev'
      ? '  Sign-in:    dev picker (pick a seeded Contoso member, e.g. alice@contoso.test; not for production)'
      : `  Sign-in:    Teams single sign-on (Entra app ${config.entra?.clientId ?? '?'})`,
  );
  lines.push(
    config.databaseUrl
      ? `  Database:   PostgreSQL server at ${hostOf(config.databaseUrl)}`
      : `  Database:   embedded PostgreSQL (PGlite) in ${config.dataDir}`,
  );
  lines.push(
    config.sandbox
      ? '  WhatsApp:   sandbox (simulated Cloud API; nothing leaves this machine)'
      : `  WhatsApp:   Meta Cloud API, phone number id ${config.whatsapp.phoneNumberId}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The server part of a database URL, never its password. */
function hostOf(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
