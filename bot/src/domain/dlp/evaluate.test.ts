import { describe, expect, it } from 'vitest';
import { evaluateDlp } from './evaluate.js';
import { compileDlpPolicy } from './policy.js';
import type { DlpAction, DlpRule } from './rules.js';

let nextId = 0;
function rule(fields: Partial<DlpRule> & Pick<DlpRule, 'kind'>): DlpRule {
  nextId += 1;
  return { id: `r${nextId}`, name: `Rule ${nextId}`, action: 'flag', enabled: true, ...fields };
}
const keyword = (keywords: string[], action: DlpAction, name?: string) =>
  rule({ kind: 'keyword', keywords, action, ...(name ? { name } : {}) });
const cards = (action: DlpAction) =>
  rule({ kind: 'detector', detector: 'credit_card', action, name: 'Cards' });

const CARD = '4111 1111 1111 1111';

describe('evaluating a text against DLP rules', () => {
  it('allows a text no rule matches, unchanged', () => {
    expect(evaluateDlp('Hello there', [cards('block'), keyword(['falcon'], 'flag')])).toEqual({
      action: 'allow',
      matches: [],
      redactedText: 'Hello there',
      reasons: [],
    });
    expect(evaluateDlp('Hello', []).action).toBe('allow');
  });

  it('takes the strictest action of all matches: block over redact over flag', () => {
    const text = `falcon, eagle and ${CARD}`;
    const flag = keyword(['falcon'], 'flag');
    const redact = keyword(['eagle'], 'redact');
    expect(evaluateDlp(text, [flag]).action).toBe('flag');
    expect(evaluateDlp(text, [flag, redact]).action).toBe('redact');
    expect(evaluateDlp(text, [redact, flag]).action).toBe('redact');
    expect(evaluateDlp(text, [flag, cards('block'), redact]).action).toBe('block');
  });

  it('reads outbound rules for what members send and inbound rules for what contacts send', () => {
    const out = { ...cards('block'), direction: 'outbound' as const };
    const inbound = { ...keyword(['falcon'], 'redact'), direction: 'inbound' as const };
    const both = { ...keyword(['eagle'], 'flag'), direction: 'both' as const };
    const unset = keyword(['heron'], 'flag');
    const text = `falcon eagle heron ${CARD}`;
    const rulesOf = (way: 'out' | 'in') =>
      evaluateDlp(text, compileDlpPolicy([out, inbound, both, unset], way)).matches.map((m) => m.ruleId);
    expect(rulesOf('out').sort()).toEqual([out.id, both.id, unset.id].sort());
    expect(rulesOf('in').sort()).toEqual([inbound.id, both.id].sort());
  });

  it('ignores disabled rules', () => {
    const off = { ...cards('block'), enabled: false };
    expect(evaluateDlp(`card ${CARD}`, [off])).toMatchObject({ action: 'allow', matches: [] });
  });

  it('reports each match at its offsets in the original text, in text order, with its rule and detector', () => {
    const text = `Résumé for ${CARD}`;
    const words = keyword(['resume'], 'flag', 'CVs');
    const card = cards('redact');
    const { matches } = evaluateDlp(text, [card, words]);
    expect(matches).toEqual([
      { ruleId: words.id, ruleName: 'CVs', action: 'flag', start: 0, end: 6, excerpt: 'Résumé' },
      {
        ruleId: card.id,
        ruleName: 'Cards',
        detector: 'credit_card',
        action: 'redact',
        start: 11,
        end: 30,
        excerpt: '•••• •••• •••• 1111',
      },
    ]);
    expect(text.slice(11, 30)).toBe(CARD);
  });

  it('replaces every redact match by [redacted], and leaves flagged and blocked text as written', () => {
    const text = `pay ${CARD} for falcon, eagle`;
    const decision = evaluateDlp(text, [
      cards('redact'),
      keyword(['falcon'], 'flag'),
      keyword(['eagle'], 'redact'),
    ]);
    expect(decision.redactedText).toBe('pay [redacted] for falcon, [redacted]');
  });

  it('merges redacted spans that overlap or touch into one [redacted]', () => {
    const text = 'code alpha bravo charlie end';
    const overlapping = [keyword(['alpha bravo'], 'redact'), keyword(['bravo charlie'], 'redact')];
    expect(evaluateDlp(text, overlapping).redactedText).toBe('code [redacted] end');
    const touching = [
      rule({ kind: 'regex', pattern: 'AB', action: 'redact' }),
      rule({ kind: 'regex', pattern: 'CD', action: 'redact' }),
    ];
    expect(evaluateDlp('xABCDx', touching).redactedText).toBe('x[redacted]x');
    const nested = [keyword(['bravo'], 'redact'), keyword(['alpha bravo charlie'], 'redact')];
    expect(evaluateDlp(text, nested).redactedText).toBe('code [redacted] end');
  });

  it('gives one reason per matching rule, naming it, what it found (masked) and what happens', () => {
    const text = `${CARD} and 5555 5555 5555 4444; Project Falcon; EMP-123456`;
    const decision = evaluateDlp(text, [
      cards('block'),
      keyword(['project falcon', 'eagle'], 'flag', 'Codenames'),
      rule({ kind: 'regex', pattern: 'EMP-\\d{6}', action: 'redact', name: 'Staff ids' }),
      keyword(['unused'], 'block', 'Silent'),
    ]);
    expect(decision.reasons).toEqual([
      'Rule “Cards” found 2 payment card numbers (•••• •••• •••• 1111 and •••• •••• •••• 4444): the message is not sent.',
      'Rule “Codenames” found the keyword “Project Falcon”: the message is sent and marked for review.',
      'Rule “Staff ids” found text matching its pattern (•••-••3456): it is replaced by [redacted].',
    ]);
  });

  it("reports a detector's match once for each rule that uses it", () => {
    const a = cards('flag');
    const b = cards('block');
    const { matches } = evaluateDlp(CARD, [a, b]);
    expect(matches.map((m) => m.ruleId)).toEqual([a.id, b.id]);
  });

  it('reports only the regular expressions that match, however many the policy holds', () => {
    const rules = ['EMP-\\d{6}', '(?i)confidential', 'ZZ\\d{3}', '\\bACC\\d{4}\\b'].map((pattern, i) =>
      rule({ kind: 'regex', pattern, action: 'flag', name: `P${i}` }),
    );
    const { matches } = evaluateDlp('CONFIDENTIAL: ACC1234, not EMP-12', rules);
    expect(matches.map((m) => [m.ruleName, m.start, m.end])).toEqual([
      ['P1', 0, 12],
      ['P3', 14, 21],
    ]);
  });

  it('decides the same from a compiled policy as from the rules, and leaves out a rule that is not valid', () => {
    const broken = rule({ kind: 'regex', pattern: '(unclosed', action: 'block', name: 'Broken' });
    const rules = [broken, cards('redact'), keyword(['falcon'], 'flag')];
    const policy = compileDlpPolicy(rules);
    expect(policy.refused).toEqual([
      {
        ruleId: broken.id,
        ruleName: 'Broken',
        field: 'pattern',
        message: expect.stringContaining("can't be compiled"),
      },
    ]);
    const text = `falcon ${CARD}`;
    expect(evaluateDlp(text, policy)).toEqual(evaluateDlp(text, rules));
    expect(evaluateDlp(text, policy).action).toBe('redact');
  });

  it('evaluates a 50,000-character text with a catastrophic admin pattern to the right answer', () => {
    const text = `${'a'.repeat(50_000)}b`;
    const decision = evaluateDlp(text, [
      rule({ kind: 'regex', pattern: '(a+)+$', action: 'block' }),
      cards('block'),
    ]);
    expect(decision.action).toBe('allow');
  });
});
