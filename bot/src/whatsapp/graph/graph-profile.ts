import { z } from 'zod';
import { SuccessResponseSchema } from './graph-api.responses.js';
import { GraphResponseError } from './graph-errors.js';
import { segment, type GraphHttp } from './graph-http.js';

/** A number's business profile, in Meta's field names (`/{phone-number-id}/whatsapp_business_profile`). */
export interface GraphBusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: string;
  profile_picture_url?: string;
}

export const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';

const ProfileSchema = z
  .object({
    about: z.string().optional(),
    address: z.string().optional(),
    description: z.string().optional(),
    email: z.string().optional(),
    websites: z.array(z.string()).optional(),
    vertical: z.string().optional(),
    profile_picture_url: z.string().optional(),
  })
  .loose();
const ProfileResponseSchema = z.object({ data: z.array(ProfileSchema) });

/** `GET /{phone-number-id}/whatsapp_business_profile?fields=…`: Meta answers `{ data: [profile] }`. */
export async function getBusinessProfile(
  http: GraphHttp,
  phoneNumberId: string,
): Promise<GraphBusinessProfile> {
  const url = http.url(`${segment(phoneNumberId)}/whatsapp_business_profile`);
  url.searchParams.set('fields', PROFILE_FIELDS);
  const response = await http.request(url, { method: 'GET' });
  const data = await http.parseBody(response, ProfileResponseSchema, 'business profile');
  const [profile] = data.data;
  if (!profile) throw new GraphResponseError(response.status, 'Business profile response without a profile');
  const { about, address, description, email, websites, vertical, profile_picture_url } = profile;
  return Object.fromEntries(
    Object.entries({ about, address, description, email, websites, vertical, profile_picture_url }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as GraphBusinessProfile;
}

/** `POST /{phone-number-id}/whatsapp_business_profile` with the fields to change; Meta answers `{ success: true }`. */
export async function updateBusinessProfile(
  http: GraphHttp,
  phoneNumberId: string,
  patch: Omit<GraphBusinessProfile, 'profile_picture_url'>,
): Promise<void> {
  const response = await http.request(http.url(`${segment(phoneNumberId)}/whatsapp_business_profile`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ messaging_product: 'whatsapp', ...patch }),
  });
  const data = await http.parseBody(response, SuccessResponseSchema, 'business profile update');
  if (data.success !== true)
    throw new GraphResponseError(response.status, 'Meta did not confirm the business profile update');
}
