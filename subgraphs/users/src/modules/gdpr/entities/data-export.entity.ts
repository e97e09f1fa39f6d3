import { defineEntity, p } from '@mikro-orm/core';

export const EXPORT_STATUSES = ['PENDING', 'READY', 'DOWNLOADED', 'EXPIRED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A requested data export; the archive is assembled from every service's part and downloadable once. */
export const DataExportSchema = defineEntity({
  name: 'DataExport',
  tableName: 'data_export',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    status: p.enum([...EXPORT_STATUSES]),
    downloadTokenHash: p.string().length(64),
    requestedAt: p.datetime(),
    readyAt: p.datetime().nullable(),
    downloadedAt: p.datetime().nullable(),
    expiresAt: p.datetime(),
  },
});
export class DataExport extends DataExportSchema.class {}
DataExportSchema.setClass(DataExport);

/** One service's part of an export, kept until the archive is downloaded or expires. */
export const DataExportPartSchema = defineEntity({
  name: 'DataExportPart',
  tableName: 'data_export_part',
  properties: {
    exportId: p.uuid().primary(),
    service: p.string().length(40).primary(),
    data: p.json<Record<string, unknown>>(),
    receivedAt: p.datetime(),
  },
});
export class DataExportPart extends DataExportPartSchema.class {}
DataExportPartSchema.setClass(DataExportPart);

/** An account erasure and, per service, when it confirmed it had deleted or anonymised the user's data. */
export const ErasureSchema = defineEntity({
  name: 'Erasure',
  tableName: 'erasure',
  properties: {
    userId: p.uuid().primary(),
    requestedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});
export class Erasure extends ErasureSchema.class {}
ErasureSchema.setClass(Erasure);

export const ErasureAckSchema = defineEntity({
  name: 'ErasureAck',
  tableName: 'erasure_ack',
  properties: {
    userId: p.uuid().primary(),
    service: p.string().length(40).primary(),
    completedAt: p.datetime(),
  },
});
export class ErasureAck extends ErasureAckSchema.class {}
ErasureAckSchema.setClass(ErasureAck);
