import { foldKeyword, type FoldedText } from './fold.js';

/**
 * Whole-word keywords and phrases, ignoring case and accents: "resume" matches "Résumé" but not "resumed"; "project
 * falcon" matches "Project  Falcon" across a double space. A word is a run of Unicode letters and digits (not ASCII
 * `\b`, which would split "Résumé" at its accents); an edge of the keyword that is not a letter or digit ("c++") needs
 * no boundary there. Scripts written without spaces between words (Chinese, Japanese, Thai…) need none either.
 */
export interface KeywordNeedle {
  folded: string;
  boundaryBefore: boolean;
  boundaryAfter: boolean;
  /** The keyword's first word, when the keyword starts with one and is written in spaced scripts only. */
  firstWord: string | null;
}

/**
 * The folded text, with an index of where each word starts, built on first use: a keyword that starts with a whole
 * word is looked up there instead of being searched for, so a hundred keywords cost one pass over the text.
 */
export interface KeywordHaystack {
  folded: FoldedText;
  /** The first words of every keyword that will be looked up: only these are indexed. */
  vocabulary: KeywordVocabulary;
  words?: Map<string, number[]>;
}

export interface KeywordVocabulary {
  words: ReadonlySet<string>;
  /** Their first UTF-16 units and their lengths, so that most words of the text are passed over without a copy. */
  firstUnits: ReadonlySet<number>;
  lengths: ReadonlySet<number>;
}

export function keywordVocabulary(needles: readonly KeywordNeedle[]): KeywordVocabulary {
  const words = new Set(needles.flatMap((n) => (n.firstWord === null ? [] : [n.firstWord])));
  return {
    words,
    firstUnits: new Set([...words].map((w) => w.charCodeAt(0))),
    lengths: new Set([...words].map((w) => w.length)),
  };
}

export interface Span {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1]!;
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function needsBoundary(edge: string): boolean {
  return WORD.test(edge) && !UNSPACED.test(edge);
}

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** A keyword ready to search for, or null when folding leaves nothing of it. */
export function keywordNeedle(keyword: string): KeywordNeedle | null {
  const folded = foldKeyword(keyword);
  if (folded === '') return null;
  const boundaryBefore = needsBoundary(codePointAt(folded, 0));
  const first = folded.match(WORD_RUN)?.[0] ?? '';
  return {
    folded,
    boundaryBefore,
    boundaryAfter: needsBoundary(codePointBefore(folded, folded.length)),
    firstWord: boundaryBefore && !UNSPACED.test(folded) && folded.startsWith(first) ? first : null,
  };
}

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/** Where each word of the vocabulary starts in the text: a word is a maximal run of letters and digits. */
function wordIndex(text: string, vocabulary: KeywordVocabulary): Map<string, number[]> {
  const words = new Map<string, number[]>();
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && !isAsciiWord(code)) {
      i += 1;
      continue;
    }
    if (code >= 0x80 && !WORD.test(codePointAt(text, i))) {
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      continue;
    }
    const start = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (!isAsciiWord(c)) break;
        i += 1;
      } else {
        const point = codePointAt(text, i);
        if (!WORD.test(point)) break;
        i += point.length;
      }
    }
    if (!vocabulary.lengths.has(i - start) || !vocabulary.firstUnits.has(text.charCodeAt(start))) continue;
    const word = text.slice(start, i);
    if (!vocabulary.words.has(word)) continue;
    const at = words.get(word);
    if (at) at.push(start);
    else words.set(word, [start]);
  }
  return words;
}

/** Where the needle occurs: at the starts of its first word, or by searching the whole text. */
function candidates(haystack: KeywordHaystack, needle: KeywordNeedle): number[] {
  const text = haystack.folded.text;
  if (needle.firstWord !== null) {
    haystack.words ??= wordIndex(text, haystack.vocabulary);
    return (haystack.words.get(needle.firstWord) ?? []).filter((at) => text.startsWith(needle.folded, at));
  }
  const found: number[] = [];
  for (let at = text.indexOf(needle.folded); at !== -1; at = text.indexOf(needle.folded, at + 1))
    found.push(at);
  return found;
}

/** Every whole-word occurrence of each needle, at offsets in the original text. */
export function findKeywords(haystack: KeywordHaystack, needles: readonly KeywordNeedle[]): Span[] {
  const spans: Span[] = [];
  const { folded } = haystack;
  for (const needle of needles) {
    const length = needle.folded.length;
    for (const at of candidates(haystack, needle)) {
      if (needle.boundaryBefore && WORD.test(codePointBefore(folded.text, at))) continue;
      if (needle.boundaryAfter && WORD.test(codePointAt(folded.text, at + length))) continue;
      spans.push({ start: folded.startOf(at), end: folded.endOf(at + length - 1) });
    }
  }
  return spans;
}
