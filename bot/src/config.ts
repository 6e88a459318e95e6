import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { REGIONS } from '@bridgeline/shared';
import { GRAPH_API_VERSION } from './whatsapp/graph/graph-api.client.js';

/**
 * The environment, parsed once at start (every variable: README.md and docs/admin.md).
 * A wrong or missing setting stops the process with one line naming the variable.
 */
const templateRef = z
  .string()
  .regex(/^[a-z0-9_]+:[A-Za-z_]{2,15}$/, 'expected name:language, e.g. bridgeline_opt_in:en_US')
  .transform((v) => {
    const [name = '', language = ''] = v.split(':');
    return { name, language };
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The Teams app id of the local environment (env/.env.local): a sandbox placeholder, not a registration. */
export const LOCAL_TEAMS_APP_ID = 'b1d9e11e-0000-4000-8000-000000000001';
const BOT_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const port = z.coerce.number().int().min(0).max(65535);
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const EnvSchema = z.object({
  NODE_ENV: opt(z.enum(['development', 'production', 'test'])),
  PORT: z.preprocess(emptyAsUndefined, port.default(3978)),
  HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => isIP(v) !== 0 || v === 'localhost',
        'expected an address of this machine to listen on, e.g. 0.0.0.0, 127.0.0.1 or ::',
      )
      .default('0.0.0.0'),
  ),
  ROLE: z.preprocess(emptyAsUndefined, z.enum(['web', 'worker', 'all']).default('all')),
  DATABASE_URL: opt(z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection string')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data')),
  AUTH_MODE: opt(z.enum(['dev', 'entra'])),
  DEV_TOKEN_SECRET: opt(z.string().min(16)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  WHATSAPP_ACCESS_TOKEN: opt(z.string().min(10)),
  WHATSAPP_GRAPH_BASE_URL: z.preprocess(emptyAsUndefined, z.url().default('https://graph.facebook.com')),
  WHATSAPP_API_VERSION: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^v\d+\.\d+$/)
      .default(GRAPH_API_VERSION),
  ),
  WHATSAPP_APP_SECRET: opt(z.string().min(8)),
  WHATSAPP_VERIFY_TOKEN: opt(z.string().min(8)),
  WHATSAPP_PHONE_NUMBER_ID: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+$/).default('100000000000001'),
  ),
  WHATSAPP_DISPLAY_PHONE_NUMBER: z.preprocess(emptyAsUndefined, z.string().default('+1 555 010 0001')),
  WHATSAPP_WABA_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+$/).default('200000000000001')),
  WHATSAPP_REGION: z.preprocess(emptyAsUndefined, z.enum(REGIONS).default('us')),
  WHATSAPP_OPT_IN_TEMPLATE: z.preprocess(
    (v) => emptyAsUndefined(v) ?? 'bridgeline_opt_in:en_US',
    templateRef,
  ),
  WHATSAPP_RATE_PER_SECOND: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().positive().max(1000).default(80),
  ),
  WHATSAPP_CONTACT_INTERVAL_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().positive().max(3600).default(6),
  ),
  WHATSAPP_CONTACT_BURST: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(3)),
  WHATSAPP_WEBHOOK_MAX_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(3 * 1024 * 1024),
  ),
  WHATSAPP_RESUME_TEMPLATE: z.preprocess(
    (v) => emptyAsUndefined(v) ?? 'bridgeline_resume:en_US',
    templateRef,
  ),
  BOT_ID: opt(z.string()),
  BOT_PASSWORD: opt(z.string()),
  BOT_TENANT_ID: opt(z.string()),
  // Any case, as botbuilder reads it: infra/azure.bicep writes `UserAssignedMsi`.
  BOT_TYPE: opt(
    z.preprocess(
      (v) =>
        typeof v === 'string' ? (BOT_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v) : v,
      z.enum(BOT_TYPES),
    ),
  ),
  TEAMS_APP_ID: opt(z.string().regex(GUID, 'expected the Teams app id (the manifest\'s "id"), a GUID')),
  AAD_APP_CLIENT_ID: opt(z.string().regex(GUID, 'expected the SSO app client id, a GUID')),
  AAD_APP_TENANT_ID: opt(z.string().regex(GUID, 'expected the Entra tenant id, a GUID')),
  MEMBER_DEFAULT_REGION: opt(z.enum(REGIONS)),
  ARCHIVE_SIGNING_KEY: opt(z.string().min(32, 'expected an Ed25519 private key, PEM or JWK')),
  ARCHIVE_CHECKPOINT_EVERY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1_000_000).default(1000),
  ),
  ARCHIVE_EXPORT_MAX_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(36500).default(3660),
  ),
  ARCHIVE_EXPORT_KEEP_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(3650).default(7),
  ),
  ARCHIVE_JOURNAL_SMTP_URL: opt(
    z.url({ protocol: /^smtps?$/, error: 'expected smtp://user:pass@host:port or smtps://…' }),
  ),
  ARCHIVE_JOURNAL_TO: opt(z.email()),
  ARCHIVE_JOURNAL_FROM: opt(z.email()),
  CRM_WEBHOOK_URL: opt(z.url({ protocol: /^https?$/ })),
  CRM_WEBHOOK_SECRET: opt(z.string().min(16)),
  SMS_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['acs', 'sandbox']).default('sandbox')),
  ACS_CONNECTION_STRING: opt(
    z
      .string()
      .regex(
        /^endpoint=https:\/\/[^;]+;accesskey=[^;]+;?$/i,
        'expected endpoint=https://<resource>.communication.azure.com/;accesskey=<key>',
      ),
  ),
  ACS_EVENTS_SECRET: opt(z.string().min(16)),
  SMS_RATE_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(1000).default(1)),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env;
  production: boolean;
  port: number;
  /** The address the HTTP server listens on (`HOST`): all IPv4 interfaces unless set. */
  host: string;
  role: 'web' | 'worker' | 'all';
  databaseUrl: string | undefined;
  dataDir: string;
  authMode: 'dev' | 'entra';
  devTokenSecret: string;
  sandbox: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** The manifest's app id: every "Open in tab" link on a card names it. */
  teamsAppId: string;
  /** AUTH_MODE=entra only: the tab SSO app, and where members provisioned on first sign-in start. */
  entra: { clientId: string; tenantId: string | null; defaultRegion: (typeof REGIONS)[number] } | null;
  whatsapp: {
    phoneNumberId: string;
    displayPhoneNumber: string;
    wabaId: string;
    region: (typeof REGIONS)[number];
    optInTemplate: { name: string; language: string };
    resumeTemplate: { name: string; language: string };
  };
  archive: {
    /** ARCHIVE_SIGNING_KEY (PEM or JWK); null outside production, where a key is generated per data directory. */
    signingKey: string | null;
    checkpointEvery: number;
    /** The longest time range one export may cover. */
    exportMaxDays: number;
    /** How long a finished export's zip is kept for download before the expiry job removes it. */
    exportKeepDays: number;
    journal: { smtpUrl: string; to: string; from: string } | null;
    crm: { url: string; secret: string } | null;
  };
  /** SMS_PROVIDER: Azure Communication Services, or the built-in simulator (the sandbox phone page). */
  sms:
    | { provider: 'acs'; connectionString: string; eventsSecret: string; ratePerSecond: number }
    | { provider: 'sandbox'; eventsSecret: string; ratePerSecond: number };
}

export class ConfigError extends Error {}

/** The Event Grid code of the SMS sandbox (never production: SMS_PROVIDER=sandbox is refused there). */
export const SANDBOX_SMS_EVENTS_SECRET = 'bridgeline-sandbox-sms-events';

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      `${name}: ${issue?.message ?? 'invalid'} (got ${JSON.stringify(source[name] ?? null)})`,
    );
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const authMode = env.AUTH_MODE ?? (env.AAD_APP_CLIENT_ID ? 'entra' : 'dev');
  const sandbox = env.WHATSAPP_ACCESS_TOKEN === undefined;

  if (production && authMode === 'dev') {
    throw new ConfigError(
      'AUTH_MODE: dev sign-in is refused when NODE_ENV=production (set AAD_APP_CLIENT_ID)',
    );
  }
  if (authMode === 'entra' && !env.AAD_APP_CLIENT_ID) {
    throw new ConfigError(
      'AAD_APP_CLIENT_ID: required when AUTH_MODE=entra (the client id of the tab SSO app)',
    );
  }
  if (production && env.DEV_TOKEN_SECRET) {
    throw new ConfigError(
      'DEV_TOKEN_SECRET: dev sign-in tokens are refused when NODE_ENV=production (unset it)',
    );
  }
  if (production && sandbox) {
    throw new ConfigError('WHATSAPP_ACCESS_TOKEN: the WhatsApp sandbox is refused when NODE_ENV=production');
  }
  if (!sandbox && !env.WHATSAPP_APP_SECRET) {
    throw new ConfigError('WHATSAPP_APP_SECRET: required when WHATSAPP_ACCESS_TOKEN is set');
  }
  if (!sandbox && !env.WHATSAPP_VERIFY_TOKEN) {
    throw new ConfigError('WHATSAPP_VERIFY_TOKEN: required when WHATSAPP_ACCESS_TOKEN is set');
  }
  if (production && !env.BOT_ID) {
    throw new ConfigError(
      'BOT_ID: required when NODE_ENV=production (without it /api/messages accepts unauthenticated activities)',
    );
  }
  if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('BOT_PASSWORD: required when BOT_ID is set (unless BOT_TYPE=UserAssignedMSI)');
  }
  if (env.BOT_ID && !env.BOT_TENANT_ID && env.BOT_TYPE !== 'MultiTenant') {
    throw new ConfigError(
      `BOT_TENANT_ID: required when BOT_ID is set (the bot registration's tenant, BOT_TYPE=${env.BOT_TYPE ?? 'SingleTenant'})`,
    );
  }
  if (env.BOT_ID && !env.TEAMS_APP_ID) {
    throw new ConfigError(
      'TEAMS_APP_ID: required when BOT_ID is set (the manifest\'s "id"; cards link into the tab with it)',
    );
  }

  if (production && !env.ARCHIVE_SIGNING_KEY) {
    throw new ConfigError(
      'ARCHIVE_SIGNING_KEY: required when NODE_ENV=production (the Ed25519 key that signs archive checkpoints)',
    );
  }
  if (env.ARCHIVE_SIGNING_KEY) {
    const type = ed25519KeyType(env.ARCHIVE_SIGNING_KEY);
    if (type !== 'ed25519')
      throw new ConfigError(
        `ARCHIVE_SIGNING_KEY: ${type ? `an Ed25519 key is required (got ${type})` : 'not a private key (expected an Ed25519 key as PEM or JWK)'}`,
      );
  }
  if (env.ARCHIVE_JOURNAL_SMTP_URL && (!env.ARCHIVE_JOURNAL_TO || !env.ARCHIVE_JOURNAL_FROM)) {
    throw new ConfigError(
      `${env.ARCHIVE_JOURNAL_TO ? 'ARCHIVE_JOURNAL_FROM' : 'ARCHIVE_JOURNAL_TO'}: required when ARCHIVE_JOURNAL_SMTP_URL is set`,
    );
  }
  if (env.CRM_WEBHOOK_URL && !env.CRM_WEBHOOK_SECRET) {
    throw new ConfigError(
      'CRM_WEBHOOK_SECRET: required when CRM_WEBHOOK_URL is set (every push is signed with it)',
    );
  }
  if (production && env.CRM_WEBHOOK_URL?.startsWith('http:')) {
    throw new ConfigError(
      'CRM_WEBHOOK_URL: must be https when NODE_ENV=production (archive records would travel in clear)',
    );
  }

  if (production && env.SMS_PROVIDER === 'sandbox') {
    throw new ConfigError(
      'SMS_PROVIDER: the SMS sandbox is refused when NODE_ENV=production (set SMS_PROVIDER=acs)',
    );
  }
  if (env.SMS_PROVIDER === 'acs' && !env.ACS_CONNECTION_STRING) {
    throw new ConfigError(
      'ACS_CONNECTION_STRING: required when SMS_PROVIDER=acs (endpoint=https://…;accesskey=…)',
    );
  }
  if (env.SMS_PROVIDER === 'acs' && !env.ACS_EVENTS_SECRET) {
    throw new ConfigError(
      'ACS_EVENTS_SECRET: required when SMS_PROVIDER=acs (the ?code= of the Event Grid subscription)',
    );
  }

  return {
    env,
    production,
    port: env.PORT,
    host: env.HOST,
    role: env.ROLE,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    authMode,
    // Dev tokens only exist outside production (refused above), so a fixed fallback secret is harmless.
    devTokenSecret: env.DEV_TOKEN_SECRET ?? 'bridgeline-dev-mode-token-secret',
    sandbox,
    logLevel: env.LOG_LEVEL,
    teamsAppId: env.TEAMS_APP_ID ?? LOCAL_TEAMS_APP_ID,
    entra:
      authMode === 'entra' && env.AAD_APP_CLIENT_ID
        ? {
            clientId: env.AAD_APP_CLIENT_ID.toLowerCase(),
            tenantId: env.AAD_APP_TENANT_ID?.toLowerCase() ?? null,
            defaultRegion: env.MEMBER_DEFAULT_REGION ?? env.WHATSAPP_REGION,
          }
        : null,
    whatsapp: {
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      displayPhoneNumber: env.WHATSAPP_DISPLAY_PHONE_NUMBER,
      wabaId: env.WHATSAPP_WABA_ID,
      region: env.WHATSAPP_REGION,
      optInTemplate: env.WHATSAPP_OPT_IN_TEMPLATE,
      resumeTemplate: env.WHATSAPP_RESUME_TEMPLATE,
    },
    archive: {
      signingKey: env.ARCHIVE_SIGNING_KEY ?? null,
      checkpointEvery: env.ARCHIVE_CHECKPOINT_EVERY,
      exportMaxDays: env.ARCHIVE_EXPORT_MAX_DAYS,
      exportKeepDays: env.ARCHIVE_EXPORT_KEEP_DAYS,
      journal: env.ARCHIVE_JOURNAL_SMTP_URL
        ? {
            smtpUrl: env.ARCHIVE_JOURNAL_SMTP_URL,
            to: env.ARCHIVE_JOURNAL_TO!,
            from: env.ARCHIVE_JOURNAL_FROM!,
          }
        : null,
      crm: env.CRM_WEBHOOK_URL ? { url: env.CRM_WEBHOOK_URL, secret: env.CRM_WEBHOOK_SECRET! } : null,
    },
    sms:
      env.SMS_PROVIDER === 'acs'
        ? {
            provider: 'acs',
            connectionString: env.ACS_CONNECTION_STRING!,
            eventsSecret: env.ACS_EVENTS_SECRET!,
            ratePerSecond: env.SMS_RATE_PER_SECOND,
          }
        : {
            provider: 'sandbox',
            // The sandbox phone posts its events with this code, like Event Grid with the subscription's.
            eventsSecret: env.ACS_EVENTS_SECRET ?? SANDBOX_SMS_EVENTS_SECRET,
            ratePerSecond: env.SMS_RATE_PER_SECOND,
          },
  };
}

/** The type of a private key given as PEM (with real or escaped newlines) or JWK; null when it is not one. */
function ed25519KeyType(text: string): string | null {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
      : createPrivateKey(trimmed.replace(/\\n/g, '\n'));
    return key.asymmetricKeyType ?? null;
  } catch {
    return null;
  }
}
