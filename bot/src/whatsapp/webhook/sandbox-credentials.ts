/**
 * Fixed webhook credentials of sandbox mode (WHATSAPP_ACCESS_TOKEN unset): the built-in simulator signs its webhooks
 * with this secret and the route checks them with it, exactly as with Meta. Never used outside the sandbox: config
 * requires WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN as soon as a real access token is set.
 */
export const SANDBOX_APP_SECRET = 'bridgeline-sandbox-app-secret';
export const SANDBOX_VERIFY_TOKEN = 'bridgeline-sandbox-verify-token';

/** The secrets the webhook route checks against: the configured ones, or the sandbox's. */
export function webhookSecrets(env: {
  WHATSAPP_APP_SECRET?: string | undefined;
  WHATSAPP_VERIFY_TOKEN?: string | undefined;
}): { appSecret: string; verifyToken: string } {
  return {
    appSecret: env.WHATSAPP_APP_SECRET ?? SANDBOX_APP_SECRET,
    verifyToken: env.WHATSAPP_VERIFY_TOKEN ?? SANDBOX_VERIFY_TOKEN,
  };
}
