import { z } from 'zod';
import { REGIONS } from '@bridgeline/shared';
import { GRAPH_API_VERSION } from './whatsapp/graph-api.client.js';

/**
 * The environment, parsed once at start (api.md "Process and configuration").
 * A wrong or missing setting stops the process with one line naming the variable.
 */
const templateRef = z
  .string()
  .regex(/^[a-z0-9_]+:[A-Za-z_]{2,15}$/, 'expected name:language, e.g. bridgeline_opt_in:en_US')
  .transform((v) => {
    const [name = '', language = ''] = v.split(':');
    return { name, language };
  });

const port = z.coerce.number().int().min(0).max(65535);
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const EnvSchema = z.object({
  NODE_ENV: opt(z.enum(['development', 'production', 'test'])),
  PORT: z.preprocess(emptyAsUndefined, port.default(3978)),
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
  WHATSAPP_RESUME_TEMPLATE: z.preprocess(
    (v) => emptyAsUndefined(v) ?? 'bridgeline_resume:en_US',
    templateRef,
  ),
  BOT_ID: opt(z.string()),
  BOT_PASSWORD: opt(z.string()),
  BOT_TENANT_ID: opt(z.string()),
  BOT_TYPE: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
  AAD_APP_CLIENT_ID: opt(z.string()),
  AAD_APP_TENANT_ID: opt(z.string()),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env;
  production: boolean;
  port: number;
  role: 'web' | 'worker' | 'all';
  databaseUrl: string | undefined;
  dataDir: string;
  authMode: 'dev' | 'entra';
  devTokenSecret: string;
  sandbox: boolean;
  logLevel: Env['LOG_LEVEL'];
  whatsapp: {
    phoneNumberId: string;
    displayPhoneNumber: string;
    wabaId: string;
    region: (typeof REGIONS)[number];
    optInTemplate: { name: string; language: string };
    resumeTemplate: { name: string; language: string };
  };
}

export class ConfigError extends Error {}

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
  if (authMode === 'entra') {
    // Teams SSO validation lands with the tab (issue 5); until then say so rather than start half-secured.
    throw new ConfigError(
      'AUTH_MODE: entra (Teams SSO) sign-in is not available in this version yet; use AUTH_MODE=dev outside production',
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
  if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('BOT_PASSWORD: required when BOT_ID is set (unless BOT_TYPE=UserAssignedMSI)');
  }

  return {
    env,
    production,
    port: env.PORT,
    role: env.ROLE,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    authMode,
    // Dev tokens only exist outside production (refused above), so a fixed fallback secret is harmless.
    devTokenSecret: env.DEV_TOKEN_SECRET ?? 'bridgeline-dev-mode-token-secret',
    sandbox,
    logLevel: env.LOG_LEVEL,
    whatsapp: {
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      displayPhoneNumber: env.WHATSAPP_DISPLAY_PHONE_NUMBER,
      wabaId: env.WHATSAPP_WABA_ID,
      region: env.WHATSAPP_REGION,
      optInTemplate: env.WHATSAPP_OPT_IN_TEMPLATE,
      resumeTemplate: env.WHATSAPP_RESUME_TEMPLATE,
    },
  };
}
