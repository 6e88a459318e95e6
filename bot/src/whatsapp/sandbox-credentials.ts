/**
 * Fixed secrets of sandbox mode (WHATSAPP_ACCESS_TOKEN unset, never in production): the simulated Cloud API signs its
 * webhooks with this app secret and the webhook route checks them with it, exactly as with Meta.
 */
export const SANDBOX_APP_SECRET = 'bridgeline-sandbox-app-secret';
export const SANDBOX_VERIFY_TOKEN = 'bridgeline-sandbox-verify-token';
