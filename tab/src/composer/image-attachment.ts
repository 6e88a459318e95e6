import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES } from '@bridgeline/shared/limits';

/** The first bytes of a PNG and of a JPEG: what the file is, whatever its name says (issue 16). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function firstBytes(file: File, n: number): Promise<Uint8Array> {
  // FileReader rather than Blob.arrayBuffer: older webviews (and jsdom) lack the latter.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file.slice(0, n));
  });
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/**
 * Why the file can't be sent as an image, or null: its content must be a JPEG or PNG (a text file named `.png` is
 * refused before it is uploaded), at most 5 MB. The server sniffs the bytes again and has the final word.
 */
export async function imageProblem(file: File): Promise<string | null> {
  const notImage = `${file.name || 'The file'} is not a JPEG or PNG image.`;
  if (file.type && !(IMAGE_MIME_TYPES as readonly string[]).includes(file.type)) return notImage;
  if (file.size > MAX_IMAGE_BYTES) return `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`;
  const bytes = await firstBytes(file, PNG_SIGNATURE.length).catch(() => new Uint8Array());
  return startsWith(bytes, PNG_SIGNATURE) || startsWith(bytes, JPEG_SIGNATURE) ? null : notImage;
}
