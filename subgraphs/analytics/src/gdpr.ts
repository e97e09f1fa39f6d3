import { toExportJson, type GdprHandlers } from '@startales/kit';

/** Keys that may identify a person in an event payload; scrubbed on erasure. */
const PERSONAL_KEYS = ['handle', 'email', 'displayName', 'name', 'bio', 'details'];

/**
 * Analytics keeps event facts for aggregate figures, but facts caused by or about an erased user lose every
 * personal field and their actor becomes `erased`.
 */
export const analyticsGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    const facts = await em.getConnection().execute(
      `select id, type, occurred_at as "occurredAt", data from analytics.domain_event_fact where actor = ? or data->>'userId' = ? order by occurred_at`,
      [userId, userId],
    );
    return { events: toExportJson(facts as object[]) };
  },
  async eraseUser(em, userId) {
    const minus = PERSONAL_KEYS.map((k) => ` - '${k}'`).join('');
    await em.getConnection().execute(
      `update analytics.domain_event_fact set data = data${minus}, actor = case when actor = ? then 'erased' else actor end where actor = ? or data->>'userId' = ?`,
      [userId, userId, userId],
    );
  },
};
