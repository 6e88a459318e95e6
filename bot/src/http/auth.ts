import { SignJWT, jwtVerify } from 'jose';
import type { Request } from 'restify';
import type { MemberRecord, UnitOfWork } from '../ports.js';

/**
 * Who is calling. AUTH_MODE=dev: a token from POST /api/v1/dev/token (refused in production by config).
 * AUTH_MODE=entra validates Teams SSO tokens (see docs/adr/0002-auth-modes.md).
 */
export interface Authenticator {
  authenticate(token: string): Promise<MemberRecord | null>;
}

const ISSUER = 'bridgeline-dev';

export class DevAuthenticator implements Authenticator {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly uow: UnitOfWork,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(member: MemberRecord): Promise<string> {
    return new SignJWT({ tid: member.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(member.id)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.key);
  }

  async authenticate(token: string): Promise<MemberRecord | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return null;
      const tid = payload.tid;
      const sub = payload.sub;
      return await this.uow.run((store) => store.members.byId(tid, sub));
    } catch {
      return null;
    }
  }
}

export function bearerToken(req: Request): string | null {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
