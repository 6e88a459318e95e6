/**
 * Case and accent folding that remembers where each folded character came from, so that a keyword found in the
 * folded text is reported at its offsets in the original ("Résumé" folds to "resume"; a match there maps back to the
 * six characters of "Résumé", or seven when its accents are combining marks). Runs of white space fold to one space,
 * so that a phrase matches across a line break or a double space.
 */
export interface FoldedText {
  text: string;
  /** Where the source of the folded unit at `index` starts in the original. */
  startOf(index: number): number;
  /** Where the source of the folded unit at `index` ends in the original. */
  endOf(index: number): number;
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
  const lower = char.toLowerCase().normalize('NFKD').replace(MARKS, '');
  let out = '';
  for (const c of lower) out += EXTRA_FOLDS[c] ?? c;
  return out;
}

/** Growable parallel arrays: the folded code units and where each came from. */
class Builder {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length += 1;
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    [this.codes, this.starts, this.ends] = [codes, starts, ends];
  }

  text(): string {
    return UTF16.decode(new Uint8Array(this.codes.buffer, 0, this.length * 2));
  }
}

// The folded units as a string: decoding them at once is some twenty times faster than String.fromCharCode(...).
// A decoder keeps no state between whole calls; typed arrays use the platform's byte order.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = new TextDecoder(LITTLE_ENDIAN ? 'utf-16le' : 'utf-16be');

/** Texts that fold one unit for one unit: ASCII without line breaks, tabs or double spaces (most messages). */
const NOT_ONE_FOR_ONE = /[\t-\r\u0080-\uffff]| {2}/;

export function foldText(original: string): FoldedText {
  if (!NOT_ONE_FOR_ONE.test(original))
    return { text: original.toLowerCase(), startOf: (index) => index, endOf: (index) => index + 1 };
  const out = new Builder(original.length + 16);
  // A text repeats its few accented letters: each is folded once per call (" " stands for white space).
  const seen = new Map<string, string>();
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      // ASCII, most of most texts: lower-cased in place, white space collapsed.
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (out.length > 0 && out.codes[out.length - 1] === 32) out.ends[out.length - 1] = i + 1;
        else out.push(32, i, i + 1);
      } else out.push(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
      i += 1;
      continue;
    }
    const point = original.codePointAt(i) ?? code;
    const next = i + (point > 0xffff ? 2 : 1);
    const char = original.slice(i, next);
    let folded = seen.get(char);
    if (folded === undefined) {
      folded = SPACE.test(char) ? ' ' : foldChar(char);
      seen.set(char, folded);
    }
    if (folded === ' ') {
      if (out.length > 0 && out.codes[out.length - 1] === 32) out.ends[out.length - 1] = next;
      else out.push(32, i, next);
    } else {
      if (folded === '' && out.length > 0) out.ends[out.length - 1] = next; // a combining mark joins its letter
      for (let k = 0; k < folded.length; k += 1) out.push(folded.charCodeAt(k), i, next);
    }
    i = next;
  }
  const { starts, ends } = out;
  return { text: out.text(), startOf: (index) => starts[index]!, endOf: (index) => ends[index]! };
}

/** A keyword as it is searched for: folded, trimmed, inner white space as one space. */
export function foldKeyword(keyword: string): string {
  return foldText(keyword).text.trim();
}
