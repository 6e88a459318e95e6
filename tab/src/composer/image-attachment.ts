import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES } from '@bridgeline/shared/limits';

/** Light client-side check; the server sniffs the bytes and has the final word. */
export function imageProblem(file: File): string | null {
  if (!(IMAGE_MIME_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG or PNG image.';
  if (file.size > MAX_IMAGE_BYTES) return `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`;
  return null;
}
