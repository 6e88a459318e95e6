import { SignJWT, errors, jwtVerify } from 'jose';
import type { Request } from 'restify';
import type { MemberRecord, UnitOfWork } from '../ports/index.js';

/** A caller the token names, and the moment that token stops being accepted (an open event stream ends then). */
export interface SignedIn {
  member: MemberRecord;
  expiresAt: Date;
}

/**
 * Who is calling. AUTH_MODE=dev: a token from POST /api/v1/dev/token (refused in production by config).
 * AUTH_MODE=entra validates Teams SSO tokens (see docs/adr/0002-auth-modes.md).
 *
 * `null` (or a thrown 401 `ProblemError`) is a verdict on the token. Any other error means the caller could not be
 * checked (the database is down): the HTTP layer answers 503, never 401, so an outage does not sign members out.
 */
export interface Authenticator {
  authenticate(token: string): Promise<SignedIn | null>;
}

const ISSUER = 'bridgeline-dev';
const DEV_TOKEN_SECONDS = 12 * 3600;

export class DevAuthenticator implements Authenticator {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly uow: UnitOfWork,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A dev token for `member`, valid 12 hours (`ttlSeconds` shortens it: tests of what happens at expiry). */
  async issue(member: MemberRecord, ttlSeconds = DEV_TOKEN_SECONDS): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: member.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(member.id)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.key);
  }

  async authenticate(token: string): Promise<SignedIn | null> {
    let claims: { sub: string; tid: string; exp: number };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || !payload.exp) return null;
      claims = { sub: payload.sub, tid: payload.tid, exp: payload.exp };
    } catch (error) {
      // A bad, forged or expired token is the caller's; anything else is not.
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
    // Not caught: a database that cannot answer is an outage (503), not a bad token (401).
    const member = await this.uow.run((store) => store.members.byId(claims.tid, claims.sub));
    return member ? { member, expiresAt: new Date(claims.exp * 1000) } : null;
  }
}

export function bearerToken(req: Request): string | null {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
