import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { signIn, type EntraIdentity, type SignInOutcome, type SignInStore } from '../app/sign-in.use-case.js';
import type { UnitOfWork } from '../ports/index.js';
import type { Authenticator, SignedIn } from './auth.js';
import type { Region } from '@bridgeline/shared';
import { ProblemError, problem } from './problem.js';

/**
 * AUTH_MODE=entra: the tab sends the Teams SSO token (an Entra ID access token for Bridgeline's own API) as Bearer.
 * Entra issues it in one of two forms, depending on the app registration's accepted token version:
 *   v1: iss https://sts.windows.net/{tid}/, aud the Application ID URI (api://{tab domain}/{client id})
 *   v2: iss https://login.microsoftonline.com/{tid}/v2.0, aud the client id
 * Both are signed with the keys Entra publishes at /discovery/v2.0/keys.
 */
export interface EntraSettings {
  clientId: string;
  /** Single-tenant app: the only tenant whose tokens are accepted. Null: any tenant Bridgeline already knows. */
  tenantId: string | null;
}

export const ACCESS_SCOPE = 'access_as_user';
/** Entra's and the member's clocks drift; Microsoft's own middleware allows five minutes. */
const CLOCK_TOLERANCE_SECONDS = 300;

export function entraKeysUrl(tenantId: string | null): URL {
  return new URL(`https://login.microsoftonline.com/${tenantId ?? 'common'}/discovery/v2.0/keys`);
}

/** Entra's published signing keys, fetched on first use, cached, refetched when a token names an unknown key. */
export function entraKeySet(settings: EntraSettings): JWTVerifyGetKey {
  return createRemoteJWKSet(entraKeysUrl(settings.tenantId), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
    cacheMaxAge: 12 * 3_600_000,
  });
}

const refuse = (detail: string) => new ProblemError(problem('unauthorized', detail));

/**
 * Checks one token: signature, expiry, issuer and audience (v1 or v2), tenant, scope. Throws a 401 problem.
 * `expiresAt` is when this token stops being accepted: its `exp` plus the clock tolerance.
 */
export async function verifyEntraToken(
  token: string,
  settings: EntraSettings,
  keys: JWTVerifyGetKey,
  currentDate?: Date,
): Promise<EntraIdentity & { expiresAt: Date }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      ...(currentDate ? { currentDate } : {}),
    }));
  } catch (error) {
    throw verificationProblem(error);
  }

  const tid = stringClaim(payload, 'tid');
  const oid = stringClaim(payload, 'oid');
  if (!tid || !oid) throw refuse('The token does not name a tenant and a user (tid, oid).');
  const issuers = [`https://sts.windows.net/${tid}/`, `https://login.microsoftonline.com/${tid}/v2.0`];
  if (!payload.iss || !issuers.includes(payload.iss)) {
    throw refuse('The token was not issued by Entra ID for its own tenant.');
  }
  if (settings.tenantId && tid.toLowerCase() !== settings.tenantId.toLowerCase()) {
    throw refuse('The token comes from another organisation than the one this Bridgeline serves.');
  }
  if (!audienceMatches(payload.aud, settings.clientId)) {
    throw refuse('The token was issued for another application, not for Bridgeline.');
  }
  const scopes = (stringClaim(payload, 'scp') ?? '').split(' ');
  if (!scopes.includes(ACCESS_SCOPE)) {
    throw refuse(
      `The token lacks the ${ACCESS_SCOPE} permission: ask your administrator to grant consent to Bridgeline.`,
    );
  }
  const email =
    stringClaim(payload, 'preferred_username') ??
    stringClaim(payload, 'upn') ??
    stringClaim(payload, 'email') ??
    stringClaim(payload, 'unique_name');
  if (!email) throw refuse('The token carries no user name (preferred_username or upn).');
  return {
    aadTenantId: tid.toLowerCase(),
    aadObjectId: oid.toLowerCase(),
    email,
    displayName: stringClaim(payload, 'name') ?? email,
    // requiredClaims makes jose refuse a token without a numeric exp.
    expiresAt: new Date(((payload.exp ?? 0) + CLOCK_TOLERANCE_SECONDS) * 1000),
  };
}

/** v2: the client id; v1: the Application ID URI, api://{client id} or api://{tab domain}/{client id}. */
function audienceMatches(aud: JWTPayload['aud'], clientId: string): boolean {
  const id = clientId.toLowerCase();
  const audiences = (Array.isArray(aud) ? aud : aud ? [aud] : []).map((a) => a.toLowerCase());
  return audiences.some(
    (a) => a === id || (a.startsWith('api://') && (a === `api://${id}` || a.endsWith(`/${id}`))),
  );
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function verificationProblem(error: unknown): ProblemError {
  if (error instanceof errors.JWTExpired) return refuse('Your Teams sign-in has expired: reload the tab.');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refuse("The token's signature does not match Entra ID's keys.");
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return refuse('The token is signed with a key that Entra ID does not publish.');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new ProblemError(problem('unavailable', 'Entra ID’s signing keys could not be fetched.'));
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return refuse(`The token's ${error.claim} claim is missing or not valid yet.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse('The token is not signed with RS256.');
  if (error instanceof errors.JOSEError) return refuse('The token is not a valid Entra ID token.');
  // Anything else (a network failure fetching the keys) is not the caller's fault.
  return new ProblemError(problem('unavailable', 'Entra ID’s signing keys could not be fetched.'));
}

/** Signs in the member a verified token names (the sign-in use case, bound to its store and policy). */
export type EntraSignIn = (identity: EntraIdentity) => Promise<SignInOutcome>;

/**
 * Teams SSO tokens → the member, provisioned on first sign-in. A refused token is a 401 problem with a reason; a
 * database that cannot answer throws its own error (the HTTP layer answers 503).
 */
export class EntraAuthenticator implements Authenticator {
  constructor(
    private readonly settings: EntraSettings,
    private readonly keys: JWTVerifyGetKey,
    private readonly signInAs: EntraSignIn,
  ) {}

  async authenticate(token: string): Promise<SignedIn> {
    const { expiresAt, ...identity } = await verifyEntraToken(token, this.settings, this.keys);
    const outcome = await this.signInAs(identity);
    if (!outcome.ok) throw refuse(outcome.detail);
    return { member: outcome.member, expiresAt };
  }
}

/** The entra authenticator of a configured process; `keys` replaces Entra's key set (tests sign with their own). */
export function createEntraAuthenticator(
  config: {
    entra: (EntraSettings & { defaultRegion: Region }) | null;
    whatsapp: { phoneNumberId: string; displayPhoneNumber: string; wabaId: string; region: Region };
  },
  uow: UnitOfWork<SignInStore>,
  keys?: JWTVerifyGetKey,
): EntraAuthenticator {
  const entra = config.entra;
  if (!entra) throw new Error('AUTH_MODE=entra needs the SSO app settings');
  const settings = { clientId: entra.clientId, tenantId: entra.tenantId };
  const policy = {
    singleTenantId: entra.tenantId,
    defaultRegion: entra.defaultRegion,
    defaultNumber: {
      providerNumberId: config.whatsapp.phoneNumberId,
      displayPhone: config.whatsapp.displayPhoneNumber,
      wabaId: config.whatsapp.wabaId,
      region: config.whatsapp.region,
    },
  };
  return new EntraAuthenticator(settings, keys ?? entraKeySet(settings), (identity) =>
    signIn(uow, policy, identity),
  );
}
