import { InputError } from '@startales/kit';
import type { ModerationCategory } from '@startales/contracts';
import type { ContentKind } from '../../entities/content-item.entity.ts';
import type { RuleAction, RuleKind, RuleScope } from '../../entities/rule.entity.ts';

/** The part of a rule the matcher needs. */
export interface MatchableRule {
  id: string;
  kind: RuleKind;
  pattern: string;
  category: ModerationCategory;
  action: RuleAction;
  appliesTo: RuleScope;
  enabled: boolean;
}

export interface RuleHit {
  ruleId: string;
  category: ModerationCategory;
  hide: boolean;
}

export const MAX_PATTERN = 200;
/** Only this much of a text is matched (messages are ≤ 2000 characters; narration is cut here). */
export const MAX_MATCHED_TEXT = 20_000;

/** Case- and width-insensitive form texts and keywords are compared in (NFKC, lower case). */
export const normalize = (text: string) => text.normalize('NFKC').toLowerCase();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// a quantified group that itself ends in a quantifier — (a+)+, (\w*)*, (x{2,}){3} — backtracks exponentially
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}]\)\s*[+*{]/;

/**
 * Compiles a rule: a keyword matches as a whole word or phrase (letters/digits may not touch it on either side),
 * a regex as written (case-insensitive, Unicode). Throws BAD_USER_INPUT for what an admin must fix.
 */
export function compileRule(kind: RuleKind, pattern: string): RegExp {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN) throw new InputError(`pattern must be 1–${MAX_PATTERN} characters`, 'pattern');
  if (kind === 'KEYWORD') {
    const words = normalize(pattern).trim().split(/\s+/).map(escape).join('\\s+');
    if (!words) throw new InputError('pattern must not be blank', 'pattern');
    return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'u');
  }
  if (NESTED_QUANTIFIER.test(pattern)) throw new InputError('pattern has a nested quantifier (catastrophic backtracking); simplify it', 'pattern');
  try {
    return new RegExp(pattern, 'iu');
  } catch (error) {
    throw new InputError(`pattern is not a valid regular expression: ${(error as Error).message}`, 'pattern');
  }
}

/** Every enabled rule that matches `text` (one hit per rule). */
export function matchRules(rules: readonly MatchableRule[], kind: ContentKind, text: string): RuleHit[] {
  const subject = normalize(text.slice(0, MAX_MATCHED_TEXT));
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    if (!rule.enabled || (rule.appliesTo !== 'ALL' && rule.appliesTo !== kind)) continue;
    let re: RegExp;
    try {
      re = compileRule(rule.kind, rule.pattern);
    } catch {
      continue; // validated on save; a rule that no longer compiles is skipped rather than stopping every check
    }
    if (re.test(subject)) hits.push({ ruleId: rule.id, category: rule.category, hide: rule.action === 'HIDE' });
  }
  return hits;
}
