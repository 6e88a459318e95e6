/**
 * How many SMS segments a text costs (product.md §8): GSM-7 when every character is in the GSM 03.38 alphabet
 * (160 per message, 153 per segment once split; the extension characters count twice), otherwise UCS-2 (70, then 67;
 * a character outside the Basic Multilingual Plane, an emoji, counts twice). Shared: the composer shows what the server
 * will send.
 */
export interface SmsSegments {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units left in the last segment before another one starts. */
  remaining: number;
}

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export function smsSegments(text: string): SmsSegments {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return count('gsm7', septets, 160, 153);
  return count('ucs2', text.length, 70, 67);
}

function count(encoding: SmsSegments['encoding'], units: number, single: number, part: number): SmsSegments {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, remaining: single - units };
  const segments = Math.ceil(units / part);
  return { encoding, units, segments, remaining: segments * part - units };
}
