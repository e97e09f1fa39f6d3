import { MODERATION_CATEGORIES } from '@startales/contracts';
import { InputError, NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import { ClassifierThreshold, ModerationRule, RULE_ACTIONS, RULE_KINDS, RULE_SCOPES } from '../../entities/rule.entity.ts';
import { AuditAction, recordAudit } from '../audit/service.ts';
import { parseEnum, parseId, parseText } from '../common/input.ts';
import { compileRule } from './matcher.ts';
import { loadThresholds } from './thresholds.ts';

export interface RuleInput {
  name?: string | null;
  kind?: string | null;
  pattern?: string | null;
  category?: string | null;
  action?: string | null;
  appliesTo?: string | null;
  enabled?: boolean | null;
}

export interface ThresholdInput {
  category: string;
  flagAt: number;
  hideAt: number;
}

const snapshot = (r: ModerationRule) => ({ name: r.name, kind: r.kind, pattern: r.pattern, category: r.category, action: r.action, appliesTo: r.appliesTo, enabled: r.enabled });

/** Admin-managed keyword/regex rules and classifier thresholds; every change is audited. */
export function createAutomationService(options: { clock: () => Date }) {
  const { clock } = options;

  const validate = (input: RuleInput, current?: ModerationRule) => {
    const name = input.name === undefined || input.name === null ? current?.name : parseText(input.name, 'name', { min: 1, max: 80 });
    const kind = input.kind === undefined || input.kind === null ? current?.kind : parseEnum(input.kind, RULE_KINDS, 'kind');
    const pattern = input.pattern === undefined || input.pattern === null ? current?.pattern : String(input.pattern);
    const category = input.category === undefined || input.category === null ? current?.category : parseEnum(input.category, MODERATION_CATEGORIES, 'category');
    const action = input.action === undefined || input.action === null ? current?.action : parseEnum(input.action, RULE_ACTIONS, 'action');
    const appliesTo = input.appliesTo === undefined || input.appliesTo === null ? (current?.appliesTo ?? 'ALL') : parseEnum(input.appliesTo, RULE_SCOPES, 'appliesTo');
    const enabled = input.enabled ?? current?.enabled ?? true;
    if (!name) throw new InputError('name is required', 'name');
    if (!kind) throw new InputError('kind is required', 'kind');
    if (pattern === undefined) throw new InputError('pattern is required', 'pattern');
    if (!category) throw new InputError('category is required', 'category');
    if (!action) throw new InputError('action is required', 'action');
    compileRule(kind, pattern);
    return { name, kind, pattern, category, action, appliesTo, enabled };
  };

  return {
    rules: (em: EntityManager) => em.find(ModerationRule, {}, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    rule: (em: EntityManager, id: string) => em.findOne(ModerationRule, { id }),

    async createRule(em: EntityManager, by: Principal, input: RuleInput): Promise<ModerationRule> {
      const fields = validate(input ?? {});
      return em.transactional(async (tx) => {
        const now = clock();
        const rule = tx.create(ModerationRule, { id: Bun.randomUUIDv7(), ...fields, createdBy: by.userId, createdAt: now, updatedAt: now });
        recordAudit(tx, { actor: by.userId, action: AuditAction.RULE_CREATED, targetType: 'rule', targetId: rule.id, after: snapshot(rule) }, now);
        return rule;
      });
    },

    async updateRule(em: EntityManager, by: Principal, rawId: unknown, input: RuleInput): Promise<ModerationRule> {
      const id = parseId(rawId, 'id');
      return em.transactional(async (tx) => {
        const rule = await tx.findOne(ModerationRule, { id });
        if (!rule) throw new NotFoundError('No such rule');
        const before = snapshot(rule);
        Object.assign(rule, validate(input ?? {}, rule));
        const now = clock();
        rule.updatedAt = now;
        recordAudit(tx, { actor: by.userId, action: AuditAction.RULE_UPDATED, targetType: 'rule', targetId: rule.id, before, after: snapshot(rule) }, now);
        return rule;
      });
    },

    async deleteRule(em: EntityManager, by: Principal, rawId: unknown): Promise<string> {
      const id = parseId(rawId, 'id');
      return em.transactional(async (tx) => {
        const rule = await tx.findOne(ModerationRule, { id });
        if (!rule) throw new NotFoundError('No such rule');
        recordAudit(tx, { actor: by.userId, action: AuditAction.RULE_DELETED, targetType: 'rule', targetId: rule.id, before: snapshot(rule) }, clock());
        tx.remove(rule);
        return id;
      });
    },

    thresholds: (em: EntityManager) => loadThresholds(em),

    async setThreshold(em: EntityManager, by: Principal, input: ThresholdInput) {
      const category = parseEnum(input?.category, MODERATION_CATEGORIES, 'category');
      const { flagAt, hideAt } = input;
      if (!Number.isFinite(flagAt) || flagAt <= 0 || flagAt > 1) throw new InputError('flagAt must be greater than 0 and at most 1', 'flagAt');
      if (!Number.isFinite(hideAt) || hideAt < flagAt || hideAt > 1) throw new InputError('hideAt must be between flagAt and 1', 'hideAt');
      return em.transactional(async (tx) => {
        const now = clock();
        const before = (await loadThresholds(tx)).find((t) => t.category === category)!;
        await tx.upsert(ClassifierThreshold, { category, flagAt, hideAt, updatedBy: by.userId, updatedAt: now });
        recordAudit(tx, { actor: by.userId, action: AuditAction.THRESHOLD_SET, targetType: 'threshold', targetId: category, before: { flagAt: before.flagAt, hideAt: before.hideAt }, after: { flagAt, hideAt } }, now);
        return { category, flagAt, hideAt, isDefault: false };
      });
    },
  };
}
export type AutomationService = ReturnType<typeof createAutomationService>;
