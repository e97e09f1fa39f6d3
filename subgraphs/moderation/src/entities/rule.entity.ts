import { defineEntity, p } from '@mikro-orm/core';
import { MODERATION_CATEGORIES } from '@startales/contracts';

export const RULE_KINDS = ['KEYWORD', 'REGEX'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** FLAG opens (or joins) a case; HIDE also hides the content. */
export const RULE_ACTIONS = ['FLAG', 'HIDE'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];
export const RULE_SCOPES = ['ALL', 'PLAYER_MESSAGE', 'AI_OUTPUT'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

/** An admin-managed keyword or regular-expression rule run over every message and AI output. */
export const ModerationRuleSchema = defineEntity({
  name: 'ModerationRule',
  tableName: 'moderation_rule',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(80),
    kind: p.enum([...RULE_KINDS]),
    pattern: p.string().length(200),
    category: p.enum([...MODERATION_CATEGORIES]),
    action: p.enum([...RULE_ACTIONS]),
    appliesTo: p.enum([...RULE_SCOPES]).default('ALL'),
    enabled: p.boolean().default(true),
    createdBy: p.uuid(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class ModerationRule extends ModerationRuleSchema.class {}
ModerationRuleSchema.setClass(ModerationRule);

/** Per-category classifier thresholds set by an admin (categories without a row use the defaults). */
export const ClassifierThresholdSchema = defineEntity({
  name: 'ClassifierThreshold',
  tableName: 'classifier_threshold',
  properties: {
    category: p.enum([...MODERATION_CATEGORIES]).primary(),
    /** At or above: a case is opened. */
    flagAt: p.double(),
    /** At or above: the content is hidden too. */
    hideAt: p.double(),
    updatedBy: p.uuid(),
    updatedAt: p.datetime(),
  },
});

export class ClassifierThreshold extends ClassifierThresholdSchema.class {}
ClassifierThresholdSchema.setClass(ClassifierThreshold);
