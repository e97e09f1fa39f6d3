import { defineEntity, p } from '@mikro-orm/core';

export const INVOICE_LINE_KINDS = ['PLAN', 'ADD_ON', 'LLM_USAGE', 'OTHER'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

/** One line of an invoice as stored (amounts in cents; LLM usage quantity in micro-dollars). */
export interface InvoiceLineRecord {
  id: string;
  description: string | null;
  kind: InvoiceLineKind;
  /** The plan or add-on code the line bills (null for usage and unknown lines). */
  code: string | null;
  amountCents: number;
  quantity: number | null;
  proration: boolean;
  periodStart: string;
  periodEnd: string;
}

/** A Stripe invoice of one of our customers, re-derived from Stripe on every invoice webhook. */
export const InvoiceSchema = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: p.string().length(255).primary(),
    userId: p.uuid().index(),
    subscriptionId: p.string().length(255).nullable(),
    number: p.string().length(100).nullable(),
    status: p.string().length(40),
    currency: p.string().length(3),
    totalCents: p.integer(),
    amountPaidCents: p.integer(),
    amountDueCents: p.integer(),
    periodStart: p.datetime(),
    periodEnd: p.datetime(),
    priceBook: p.string().length(64).nullable(),
    lines: p.json<InvoiceLineRecord[]>(),
    hostedInvoiceUrl: p.text().nullable(),
    createdAt: p.datetime(),
    paidAt: p.datetime().nullable(),
  },
});

export class Invoice extends InvoiceSchema.class {}
InvoiceSchema.setClass(Invoice);
