import { graphql } from '../gql/index.ts';

export const BillingHistoryDocument = graphql(`
  query BillingHistory {
    me {
      id
      subscription { id plan interval addOns status currentPeriodEnd cancelAtPeriodEnd monthlyAmountCents }
      payments(first: 50) {
        totalCount
        edges { node { id kind status amountCents refundedCents currency createdAt paidAt failureMessage campaign { id title } refunds { id amountCents status createdAt } } }
      }
      invoices(first: 50) {
        totalCount
        edges { node { id number status currency totalCents amountPaidCents periodStart periodEnd hostedInvoiceUrl createdAt } }
      }
      usageCharges(first: 50) {
        totalCount totalOverageMicros pendingOverageMicros
        edges { node { id costMicros overageMicros status occurredAt campaign { id title } } }
      }
    }
  }
`);

export const BillingPortalDocument = graphql(`
  mutation BillingPortal { createBillingPortalSession { url } }
`);

export const CheckoutRegistrationsDocument = graphql(`
  query CheckoutRegistrations { myRegistrations { id status paidAt campaign { id title } } }
`);
