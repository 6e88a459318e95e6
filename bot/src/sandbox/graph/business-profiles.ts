import { BUSINESS_VERTICALS, PROFILE_LIMITS as LIMITS } from '@bridgeline/shared';
import type { GraphErrorAnswer } from './graph-errors.js';
import { invalidParameter } from './graph-errors.js';

type Answer = { httpStatus: 200; body: unknown } | GraphErrorAnswer;

interface Profile {
  about: string;
  address: string;
  description: string;
  email: string;
  websites: string[];
  vertical: string;
  profile_picture_url: string;
}

const VERTICALS = new Set<string>(BUSINESS_VERTICALS);

const FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'];

/** What Meta refuses in an update, in the words of its `error_data.details`; null when it would accept it. */
function refusal(body: Record<string, unknown>): string | null {
  if (body.messaging_product !== 'whatsapp') return 'Param messaging_product is required';
  const text = (name: string, max: number, min = 0) => {
    const v = body[name];
    if (v === undefined) return null;
    if (typeof v !== 'string') return `Param ${name} must be a string`;
    return v.length < min || v.length > max
      ? `Param ${name} must be between ${min} and ${max} characters long`
      : null;
  };
  const websites = body.websites;
  return (
    text('about', LIMITS.about, 1) ??
    text('address', LIMITS.address) ??
    text('description', LIMITS.description) ??
    text('email', LIMITS.email) ??
    (typeof body.email === 'string' && body.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)
      ? 'Param email must be a valid email address'
      : null) ??
    (websites !== undefined &&
    (!Array.isArray(websites) ||
      websites.length > LIMITS.websites ||
      websites.some((w) => typeof w !== 'string' || !/^https?:\/\//.test(w) || w.length > LIMITS.website))
      ? 'Param websites must be at most 2 URLs starting with http:// or https://'
      : null) ??
    (body.vertical !== undefined && !VERTICALS.has(String(body.vertical))
      ? 'Param vertical is invalid'
      : null)
  );
}

/**
 * The sandbox's `/{phone-number-id}/whatsapp_business_profile`: each number's profile in memory, read and updated
 * as Meta does (`{ data: [profile] }`; `{ success: true }`; the same length limits, refused with error 100).
 */
export class SandboxBusinessProfiles {
  private readonly profiles = new Map<string, Profile>();

  private of(phoneNumberId: string): Profile {
    let p = this.profiles.get(phoneNumberId);
    if (!p) {
      p = {
        about: 'Hey there! I am using WhatsApp.',
        address: '',
        description: '',
        email: '',
        websites: [],
        vertical: 'UNDEFINED',
        profile_picture_url: '',
      };
      this.profiles.set(phoneNumberId, p);
    }
    return p;
  }

  get(phoneNumberId: string, fields: string | null): Answer {
    const wanted = (fields ?? FIELDS.join(',')).split(',').map((f) => f.trim());
    const p = this.of(phoneNumberId) as unknown as Record<string, unknown>;
    const shown: Record<string, unknown> = { messaging_product: 'whatsapp' };
    for (const f of wanted) {
      const v = p[f];
      // Meta leaves out what is empty.
      if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) shown[f] = v;
    }
    return { httpStatus: 200, body: { data: [shown] } };
  }

  post(phoneNumberId: string, body: unknown): Answer {
    if (typeof body !== 'object' || body === null)
      return invalidParameter('The request body is not an object');
    const b = body as Record<string, unknown>;
    const refused = refusal(b);
    if (refused) return invalidParameter(refused);
    const p = this.of(phoneNumberId);
    for (const f of ['about', 'address', 'description', 'email', 'vertical'] as const)
      if (typeof b[f] === 'string') p[f] = b[f];
    if (Array.isArray(b.websites)) p.websites = b.websites as string[];
    return { httpStatus: 200, body: { success: true } };
  }
}
