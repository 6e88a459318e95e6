/**
 * Excerpts of what a rule found, shown to the sender and kept with the decision: personal data is masked so that an
 * excerpt identifies the match without repeating it (a card as "•••• •••• •••• 1111").
 */
const MASK = '•';
const MAX_EXCERPT = 48;
const ALNUM = /[\p{L}\p{N}]/u;

function clip(text: string): string {
  const chars = [...text];
  return chars.length > MAX_EXCERPT ? `${chars.slice(0, MAX_EXCERPT - 1).join('')}…` : text;
}

/** Every letter and digit masked but the last `keep`; separators kept, so the shape stays recognisable. */
export function maskAllButLast(text: string, keep = 4): string {
  const chars = [...text];
  let visible = keep;
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (!ALNUM.test(chars[i]!)) continue;
    if (visible > 0) visible -= 1;
    else chars[i] = MASK;
  }
  return clip(chars.join(''));
}

/** An IBAN with its country shown: "GB•• •••• •••• •••• ••54 32". */
export function maskIban(iban: string): string {
  return clip(iban.slice(0, 2) + maskAllButLast(iban.slice(2)));
}

/** An e-mail address with its local part masked but its first character: "j•••@example.com". */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const local = [...address.slice(0, at)];
  return clip(`${local[0] ?? ''}${MASK.repeat(Math.max(local.length - 1, 1))}${address.slice(at)}`);
}

/**
 * What an admin's pattern matched is unknown data: fully masked when short, its last four letters or digits shown
 * when it has at least eight.
 */
export function maskUnknown(text: string): string {
  const alnum = [...text].filter((c) => ALNUM.test(c)).length;
  return maskAllButLast(text, alnum >= 8 ? 4 : 0);
}

/** A keyword is the policy's word, not the sender's data: shown as written in the message. */
export function keywordExcerpt(text: string): string {
  return clip(text.replace(/\s+/gu, ' '));
}
