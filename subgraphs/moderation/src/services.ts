import type { ModerationDeps } from './deps.ts';
import { createContentService } from './modules/content/service.ts';
import { createReportService } from './modules/reports/service.ts';
import { createCaseService } from './modules/cases/service.ts';
import { createAutomationService } from './modules/automation/service.ts';
import { createActionService } from './modules/actions/service.ts';
import { createAppealService } from './modules/appeals/service.ts';

/** The subgraph's services, built once per app from its deps. */
export function createServices(deps: Pick<ModerationDeps, 'clock' | 'outbox'>) {
  const clock = deps.clock ?? (() => new Date());
  const afterCommit = deps.outbox.kick;
  const content = createContentService({ clock, afterCommit });
  return {
    clock,
    content,
    reports: createReportService({ clock, afterCommit, content }),
    cases: createCaseService({ clock }),
    automation: createAutomationService({ clock }),
    actions: createActionService({ clock, afterCommit }),
    appeals: createAppealService({ clock, afterCommit }),
  };
}
export type Services = ReturnType<typeof createServices>;
