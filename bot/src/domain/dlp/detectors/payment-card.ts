import { maskAllButLast } from '../mask.js';
import { gluedAfter, gluedBefore, isDigit, type DetectorHit } from './detector.js';

/**
 * Payment card numbers (PANs): 13 to 19 digits, written together or in groups of at least three separated by one
 * space or dash, that pass the Luhn check and start with a prefix a card network issues at that length (Visa 4;
 * Mastercard 51–55 and 2221–2720; American Express 34 and 37; Discover 6011, 644–649 and 65; JCB 3528–3589; Diners
 * Club 300–305, 3095, 36, 38–39; UnionPay 62 and 81; Maestro 50, 56–58, 6304, 6759, 6761–6763; Mir 2200–2204; RuPay
 * 60, 353, 356, 508, 82; Troy 9792). An order number of 16 digits starting with 1, a phone number or a digit string
 * glued to letters is not a card; nine in ten random 16-digit strings fail Luhn.
 */
interface Network {
  ranges: readonly (readonly [string, string])[];
  lengths: readonly number[];
}

const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const NETWORKS: readonly Network[] = [
  { ranges: [['4', '4']], lengths: [13, 16, 19] },
  {
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
  },
  {
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
  },
  {
    ranges: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
    ],
    lengths: span(16, 19),
  },
  { ranges: [['3528', '3589']], lengths: span(16, 19) },
  {
    ranges: [
      ['300', '305'],
      ['3095', '3095'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: span(14, 19),
  },
  {
    ranges: [
      ['62', '62'],
      ['81', '81'],
    ],
    lengths: span(16, 19),
  },
  {
    ranges: [
      ['50', '50'],
      ['56', '58'],
      ['6304', '6304'],
      ['6759', '6759'],
      ['6761', '6763'],
    ],
    lengths: span(13, 19),
  },
  { ranges: [['2200', '2204']], lengths: span(16, 19) },
  {
    ranges: [
      ['60', '60'],
      ['353', '353'],
      ['356', '356'],
      ['508', '508'],
      ['82', '82'],
    ],
    lengths: [16],
  },
  { ranges: [['9792', '9792']], lengths: [16] },
];

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
const MIN_GROUP = 3;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether some network issues cards of this length starting with these digits. */
export function knownIssuer(digits: string): boolean {
  return NETWORKS.some(
    (network) =>
      network.lengths.includes(digits.length) &&
      network.ranges.some(([from, to]) => {
        const prefix = digits.slice(0, from.length);
        return prefix >= from && prefix <= to;
      }),
  );
}

export function isPaymentCardNumber(digits: string): boolean {
  return (
    digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS && knownIssuer(digits) && luhnValid(digits)
  );
}

interface Group {
  start: number;
  end: number;
}

// Our own pattern, not an admin's: it succeeds at the first digit it meets and never backtracks, so it is linear.
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/** Runs of digit groups joined by one space or dash: "4111 1111-1111 1111". */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const run: Group[] = [];
    let start = m.index;
    const end = m.index + m[0].length;
    for (let i = start; i <= end; i += 1) {
      if (i < end && isDigit(text.charCodeAt(i))) continue;
      run.push({ start, end: i });
      start = i + 1;
    }
    runs.push(run);
  }
  return runs;
}

/** The card numbers among consecutive groups: from each group, the longest span of groups that is one. */
function cardsIn(text: string, groups: readonly Group[], hits: DetectorHit[]): void {
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    let digits = '';
    const candidates: string[] = [];
    for (let j = i; j < groups.length && digits.length < MAX_DIGITS; j += 1) {
      digits += text.slice(groups[j]!.start, groups[j]!.end);
      candidates.push(digits);
    }
    for (let j = candidates.length - 1; j >= 0 && found < 0; j -= 1)
      if (isPaymentCardNumber(candidates[j]!)) found = i + j;
    if (found < 0) {
      i += 1;
      continue;
    }
    const start = groups[i]!.start;
    const end = groups[found]!.end;
    hits.push({ start, end, excerpt: maskAllButLast(text.slice(start, end)) });
    i = found + 1;
  }
}

export function detectPaymentCards(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const run of digitRuns(text)) {
    // A group glued to letters or to a decimal point belongs to another token; a short group is not a card's.
    const usable = run.map(
      (g, k) =>
        g.end - g.start >= MIN_GROUP &&
        !(k === 0 && gluedBefore(text, g.start)) &&
        !(k === run.length - 1 && gluedAfter(text, g.end)),
    );
    let from = 0;
    for (let k = 0; k <= run.length; k += 1) {
      if (k < run.length && usable[k]) continue;
      if (k > from) cardsIn(text, run.slice(from, k), hits);
      from = k + 1;
    }
  }
  return hits;
}
