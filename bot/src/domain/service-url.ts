/**
 * Where the bot may send on a member's behalf: an activity's `serviceUrl` is where replies and every later proactive
 * notice go, so only a Bot Framework service host is kept or used. Microsoft's Teams connector hosts (public cloud,
 * GCC, GCC High, DoD) and the Bot Framework channel service domains (public and US government clouds), over https
 * on the default port. Loopback (`http(s)://localhost:<port>`, the Microsoft 365 Agents Playground) is allowed only
 * when the caller says so: bot authentication off, outside production.
 */
export interface ServiceUrlPolicy {
  allowLoopback: boolean;
}

/** Hosts taken as they are (the Teams connector of each cloud). */
const EXACT_HOSTS = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);

/** Domains whose hosts (the domain or any name under it) are Bot Framework services. */
const SERVICE_DOMAINS = ['botframework.com', 'botframework.us', 'botframework.azure.us'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isBotFrameworkServiceUrl(url: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase();
  if (LOOPBACK_HOSTS.has(host)) {
    return policy.allowLoopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
  }
  // `URL` drops the default port, so any port left is not the service's.
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
  if (EXACT_HOSTS.has(host)) return true;
  return SERVICE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
