import { LockMode } from '@mikro-orm/core';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ErrorCode,
  GDPR_SERVICES,
  GdprEvent,
  type ErasureAckData,
  type ExportPartData,
  type ExportRequestedData,
  type UserErasedData,
} from '@startales/contracts';
import { AppError, ForbiddenError, InputError, NotFoundError, enqueueDomainEvent, isUniqueViolation, type EntityManager, type Principal } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { RefreshToken } from '../../entities/refresh-token.entity.ts';
import { DataExport, DataExportPart, Erasure, ErasureAck } from './entities/data-export.entity.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** How long a finished archive waits to be downloaded. */
export const EXPORT_TTL_MS = 7 * 86_400_000;

export class DownloadError extends AppError {
  override readonly name = 'DownloadError';
}

/** Data export and account erasure, as the users service orchestrates them. No HTTP in here. */
export function createGdprService(options: {
  publicUrl: string;
  afterCommit: () => void;
  /** The services whose answers complete an export or erasure (default: all of GDPR_SERVICES). */
  services?: readonly string[];
}) {
  const services = options.services ?? GDPR_SERVICES;
  return {
    async requestExport(em: EntityManager, principal: Principal) {
      if (principal.apiKeyId) throw new ForbiddenError('API keys cannot export account data');
      const open = await em.findOne(DataExport, { userId: principal.userId, status: { $in: ['PENDING', 'READY'] }, expiresAt: { $gt: new Date() } });
      if (open) throw new AppError(ErrorCode.CONFLICT, 'An export is already being prepared or waiting to be downloaded', 409);
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const row = await em.transactional(async (tx) => {
        const e = tx.create(DataExport, {
          id: Bun.randomUUIDv7(),
          userId: principal.userId,
          status: 'PENDING',
          downloadTokenHash: sha256(token),
          requestedAt: now,
          readyAt: null,
          downloadedAt: null,
          expiresAt: new Date(now.getTime() + EXPORT_TTL_MS),
        });
        enqueueDomainEvent<ExportRequestedData>(tx, GdprEvent.EXPORT_REQUESTED, { exportId: e.id, userId: e.userId }, principal.userId);
        return e;
      });
      options.afterCommit();
      return { ...row, downloadUrl: `${options.publicUrl}/gdpr/exports/${row.id}?token=${token}` };
    },

    list(em: EntityManager, userId: string) {
      return em.find(DataExport, { userId }, { orderBy: { requestedAt: 'desc' } });
    },

    /**
     * Stores one service's part; the export turns READY when every service has answered. Parts arrive
     * concurrently: the export row is locked so the last one in always sees all the others.
     */
    async receivePart(em: EntityManager, part: ExportPartData): Promise<void> {
      const exp = await em.findOne(DataExport, { id: part.exportId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!exp || exp.status !== 'PENDING') return;
      const exists = await em.findOne(DataExportPart, { exportId: part.exportId, service: part.service });
      if (!exists) em.create(DataExportPart, { exportId: part.exportId, service: part.service, data: part.data, receivedAt: new Date() });
      await em.flush();
      const received = await em.count(DataExportPart, { exportId: part.exportId, service: { $in: [...services] } });
      if (received >= services.length) {
        exp.status = 'READY';
        exp.readyAt = new Date();
      }
    },

    /** Serves the archive once: afterwards the parts are deleted and the link answers 410. */
    async download(em: EntityManager, id: string, token: string) {
      return em.transactional(async (tx) => {
        const exp = await tx.findOne(DataExport, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!exp) throw new NotFoundError('No such export');
        const given = Buffer.from(sha256(token));
        if (!timingSafeEqual(given, Buffer.from(exp.downloadTokenHash))) throw new DownloadError(ErrorCode.FORBIDDEN, 'Invalid download link', 403);
        if (exp.status === 'DOWNLOADED' || exp.status === 'EXPIRED' || exp.expiresAt.getTime() <= Date.now()) {
          throw new DownloadError(ErrorCode.NOT_FOUND, 'This export was already downloaded or has expired; request a new one', 410);
        }
        if (exp.status !== 'READY') throw new DownloadError(ErrorCode.CONFLICT, 'The export is still being prepared', 409, { status: exp.status });
        const parts = await tx.find(DataExportPart, { exportId: id }, { orderBy: { service: 'asc' } });
        const archive = {
          format: 'startales-data-export/1',
          exportId: exp.id,
          userId: exp.userId,
          requestedAt: exp.requestedAt.toISOString(),
          generatedAt: new Date().toISOString(),
          services: Object.fromEntries(parts.map((p) => [p.service, p.data])),
        };
        exp.status = 'DOWNLOADED';
        exp.downloadedAt = new Date();
        await tx.nativeDelete(DataExportPart, { exportId: id });
        return archive;
      });
    },

    async requestErasure(em: EntityManager, principal: Principal, confirmHandle: string): Promise<boolean> {
      if (principal.apiKeyId) throw new ForbiddenError('API keys cannot delete accounts');
      const user = await em.findOne(User, { id: principal.userId });
      if (!user) throw new NotFoundError('Your account no longer exists');
      if (confirmHandle.trim().toLowerCase() !== user.handleKey) {
        throw new InputError('Type your current handle exactly to confirm', 'confirmHandle');
      }
      try {
        await em.transactional(async (tx) => {
          const erasedAt = new Date();
          tx.create(Erasure, { userId: user.id, requestedAt: erasedAt, completedAt: null });
          // signed out everywhere at once; the data itself goes when the users part of the erasure runs
          await tx.nativeUpdate(RefreshToken, { userId: user.id, revokedAt: null }, { revokedAt: erasedAt });
          enqueueDomainEvent<UserErasedData>(tx, GdprEvent.USER_ERASED, { userId: user.id, erasedAt: erasedAt.toISOString() }, user.id);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // already requested: idempotent
      }
      options.afterCommit();
      return true;
    },

    /** Records one service's acknowledgement (erasure row locked, as for export parts). */
    async receiveAck(em: EntityManager, ack: ErasureAckData): Promise<void> {
      const erasure = await em.findOne(Erasure, { userId: ack.userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const exists = await em.findOne(ErasureAck, { userId: ack.userId, service: ack.service });
      if (!exists) em.create(ErasureAck, { userId: ack.userId, service: ack.service, completedAt: new Date(ack.completedAt) });
      await em.flush();
      const acks = await em.count(ErasureAck, { userId: ack.userId, service: { $in: [...services] } });
      if (erasure && !erasure.completedAt && acks >= services.length) erasure.completedAt = new Date();
    },
  };
}
export type GdprService = ReturnType<typeof createGdprService>;
