import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { Report } from './report.entity.ts';
import { ContentItem, CampaignRef } from './content-item.entity.ts';
import { ModerationRule, ClassifierThreshold } from './rule.entity.ts';
import { ModerationCase, CaseNote, ModerationFlag } from './case.entity.ts';
import { ModerationAction, Appeal } from './action.entity.ts';
import { AuditEntry } from './audit-entry.entity.ts';

export { Report, ContentItem, CampaignRef, ModerationRule, ClassifierThreshold, ModerationCase, CaseNote, ModerationFlag, ModerationAction, Appeal, AuditEntry };
export const entities = [
  Report,
  ContentItem,
  CampaignRef,
  ModerationRule,
  ClassifierThreshold,
  ModerationCase,
  CaseNote,
  ModerationFlag,
  ModerationAction,
  Appeal,
  AuditEntry,
  OutboxEvent,
  ProcessedEvent,
];
