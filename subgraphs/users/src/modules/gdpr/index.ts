import { requireUser, type RequestContext } from '@startales/kit';
import type { UsersModule } from '../types.ts';
import { DataExport, DataExportPart, Erasure, ErasureAck } from './entities/data-export.entity.ts';
import { createGdprService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** GDPR: data export (archive from every service, downloadable once) and account erasure. */
export const gdprModule: UsersModule = {
  name: 'gdpr',
  typeDefs,
  entities: [DataExport, DataExportPart, Erasure, ErasureAck],
  createResolvers: ({ deps }) => {
    const gdpr = createGdprService({ publicUrl: deps.publicUrl ?? 'http://127.0.0.1:4001', afterCommit: deps.outbox.kick });
    return {
      Query: {
        myDataExports: (_: unknown, __: unknown, ctx: RequestContext) => gdpr.list(ctx.em, requireUser(ctx.auth).userId),
      },
      Mutation: {
        exportMyData: (_: unknown, __: unknown, ctx: RequestContext) => gdpr.requestExport(ctx.em, requireUser(ctx.auth)),
        deleteMyAccount: (_: unknown, args: { input: { confirmHandle: string } }, ctx: RequestContext) =>
          gdpr.requestErasure(ctx.em, requireUser(ctx.auth), args.input.confirmHandle),
      },
    };
  },
};

export { createGdprService } from './service.ts';
export { createUsersGdprHandlers } from './handlers.ts';
export { startGdprCollector } from './collector.consumer.ts';
