import { toExportJson, type GdprHandlers } from '@startales/kit';
import { Report } from './entities/report.entity.ts';

/**
 * Moderation keeps reports about a user as safety records, but the reporter's link to a report filed by an
 * erased user is cut and its free text removed; reports about the erased user lose their details text.
 */
export const moderationGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    const filed = await em.find(Report, { reporterId: userId }, { orderBy: { createdAt: 'asc' } });
    // reports about the user are exported without the reporter (protecting other players)
    const about = (await em.find(Report, { userId }, { orderBy: { createdAt: 'asc' } })).map(({ reporterId: _r, ...rest }) => rest);
    return { reportsFiled: toExportJson(filed), reportsAboutYou: toExportJson(about) };
  },
  async eraseUser(em, userId) {
    await em.nativeUpdate(Report, { reporterId: userId }, { details: '' });
    await em.nativeUpdate(Report, { userId }, { details: '' });
  },
};
