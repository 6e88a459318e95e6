import type { BusinessProfileRecord, BusinessProfilesPort } from '../../ports/index.js';
import type { GraphApiClient, GraphBusinessProfile } from './graph-api.client.js';
import { GraphApiError, GraphClientError } from './graph-errors.js';

/** Meta's refusal in words an admin can act on: its own message and details, else what went wrong on the way. */
function reasonOf(error: unknown): string | null {
  if (error instanceof GraphApiError)
    return `Meta refused: ${[error.message, error.details].filter(Boolean).join(' — ')}`;
  if (error instanceof GraphClientError) return `Meta could not be reached: ${error.message}`;
  return null;
}

const record = (p: GraphBusinessProfile): BusinessProfileRecord => ({
  ...(p.about ? { about: p.about } : {}),
  ...(p.address ? { address: p.address } : {}),
  ...(p.description ? { description: p.description } : {}),
  ...(p.email ? { email: p.email } : {}),
  websites: p.websites ?? [],
  ...(p.vertical ? { vertical: p.vertical } : {}),
  ...(p.profile_picture_url ? { profilePictureUrl: p.profile_picture_url } : {}),
});

/** The business profiles port over the Graph client (Meta's, or the sandbox's once it listens). */
export function graphProfiles(client: () => GraphApiClient | null): BusinessProfilesPort {
  const ready = () => {
    const c = client();
    if (!c) throw new Error('the WhatsApp client is not ready yet');
    return c;
  };
  const answer = async <T>(work: () => Promise<T>) => {
    try {
      return { ok: true as const, value: await work() };
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === null) throw error;
      return { ok: false as const, reason };
    }
  };
  return {
    get: (phoneNumberId) => answer(async () => record(await ready().businessProfile(phoneNumberId))),
    update: (phoneNumberId, patch) =>
      answer(async () => {
        await ready().updateBusinessProfile(phoneNumberId, patch);
        return null;
      }),
  };
}
