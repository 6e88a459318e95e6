/**
 * Case and accent folding that remembers where each folded character came from, so that a keyword found in the
 * folded text is reported at its offsets in the original ("Résumé" folds to "resume"; a match there maps back to the
 * six characters of "Résumé", or seven when its accents are combining marks). Runs of white space fold to one space,
 * so that a phrase matches across a line break or a double space.
 */
export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts in the original, and where it ends. */
  starts: number[];
  ends: number[];
}

/** Letters that neither decomposition nor lower-casing reduce to plain Latin letters. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  þ: 'th',
};

const MARKS = /\p{M}/gu;
const SPACE = /\s/u;

/** One character (code point) folded: lower case, compatibility-decomposed, without its combining marks. */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  const lower = char.toLowerCase().normalize('NFKD').replace(MARKS, '');
  let out = '';
  for (const c of lower) out += EXTRA_FOLDS[c] ?? c;
  return out;
}

function isSpace(code: number, char: string): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code >= 0x80 && SPACE.test(char);
}

export function foldText(original: string): FoldedText {
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  let n = 0;
  let i = 0;
  while (i < original.length) {
    const code = original.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const char = width === 1 ? original[i]! : original.slice(i, i + 2);
    const next = i + width;
    if (isSpace(code, char)) {
      if (n > 0 && out.charCodeAt(n - 1) === 32) ends[n - 1] = next;
      else {
        out += ' ';
        starts.push(i);
        ends.push(next);
        n += 1;
      }
    } else {
      const folded = foldChar(char);
      if (folded === '' && n > 0) ends[n - 1] = next; // a combining mark belongs to the letter before it
      for (let k = 0; k < folded.length; k += 1) {
        starts.push(i);
        ends.push(next);
        n += 1;
      }
      out += folded;
    }
    i = next;
  }
  return { text: out, starts, ends };
}

/** A keyword as it is searched for: folded, trimmed, inner white space as one space. */
export function foldKeyword(keyword: string): string {
  return foldText(keyword).text.trim();
}
