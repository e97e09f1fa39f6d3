import { BillingHistoryDocument, BillingPortalDocument, CheckoutRegistrationsDocument } from '../../operations/billing.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { formatCents, formatDate, formatMicros, humanize } from '../../lib/format.ts';
import { Alert, Badge, Button, Card, Empty, ErrorAlert, Loading, PageHeader, QueryView } from '../../components/ui.tsx';

/** Payments, invoices, AI usage charges and the plan, from billing; the Stripe portal for cards and cancellation. */
export function Billing() {
  useTitle('Billing');
  const { search } = useLocation();
  const q = useQuery(BillingHistoryDocument, {});
  const [portal, portalState] = useMutation(BillingPortalDocument);
  const openPortal = async () => {
    const data = await portal({});
    if (data) window.location.assign(data.createBillingPortalSession.url);
  };
  return (
    <div>
      <PageHeader title="Billing" subtitle="Your payments, invoices and AI usage." actions={<Button variant="secondary" busy={portalState.loading} onClick={() => void openPortal()}>Manage cards and plan</Button>} />
      {search.get('checkout') === 'cancelled' ? <Alert kind="info">Checkout was cancelled — nothing was charged.</Alert> : null}
      <ErrorAlert error={portalState.error} />
      <QueryView state={q} label="Loading billing history…">
        {({ me }) => (
          <>
            <Card title="Plan">
              {me.subscription ? (
                <p>
                  {humanize(me.subscription.plan)} ({me.subscription.interval === 'YEAR' ? 'yearly' : 'monthly'}) <Badge tone={me.subscription.status === 'ACTIVE' ? 'good' : 'warn'}>{humanize(me.subscription.status)}</Badge> ·{' '}
                  {formatCents(me.subscription.monthlyAmountCents)} a month
                  {me.subscription.currentPeriodEnd ? ` · ${me.subscription.cancelAtPeriodEnd ? 'ends' : 'renews'} ${formatDate(me.subscription.currentPeriodEnd)}` : ''}
                </p>
              ) : (
                <p className="muted">No plan — you pay per campaign seat. <Link to="/pricing">See plans</Link>.</p>
              )}
            </Card>
            <Card title={`Payments (${me.payments.totalCount})`}>
              {me.payments.edges.length ? (
                <table className="table">
                  <thead><tr><th scope="col">Date</th><th scope="col">For</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Refunded</th></tr></thead>
                  <tbody>
                    {me.payments.edges.map(({ node: p }) => (
                      <tr key={p.id}>
                        <td>{formatDate(p.paidAt ?? p.createdAt)}</td>
                        <td>{p.campaign ? <Link to={`/campaigns/${p.campaign.id}`}>{p.campaign.title}</Link> : humanize(p.kind)}</td>
                        <td>{formatCents(p.amountCents, p.currency)}</td>
                        <td><Badge tone={p.status === 'SUCCEEDED' ? 'good' : p.status === 'FAILED' ? 'bad' : 'neutral'}>{humanize(p.status)}</Badge>{p.failureMessage ? <span className="muted small"> {p.failureMessage}</span> : null}</td>
                        <td>{p.refundedCents ? formatCents(p.refundedCents, p.currency) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : <Empty><p>No payments yet.</p></Empty>}
            </Card>
            <Card title={`Invoices (${me.invoices.totalCount})`}>
              {me.invoices.edges.length ? (
                <table className="table">
                  <thead><tr><th scope="col">Number</th><th scope="col">Period</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Link</span></th></tr></thead>
                  <tbody>
                    {me.invoices.edges.map(({ node: i }) => (
                      <tr key={i.id}>
                        <td>{i.number ?? i.id}</td>
                        <td>{formatDate(i.periodStart)} – {formatDate(i.periodEnd)}</td>
                        <td>{formatCents(i.totalCents, i.currency)}</td>
                        <td><Badge tone={i.status === 'PAID' ? 'good' : 'neutral'}>{humanize(i.status)}</Badge></td>
                        <td>{i.hostedInvoiceUrl ? <a href={i.hostedInvoiceUrl} target="_blank" rel="noreferrer">View invoice<span className="visually-hidden"> {i.number}</span></a> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : <Empty><p>No invoices yet.</p></Empty>}
            </Card>
            <Card title="AI usage beyond allowances">
              <p className="muted small">Total charged {formatMicros(me.usageCharges.totalOverageMicros)} · not yet invoiced {formatMicros(me.usageCharges.pendingOverageMicros)}</p>
              {me.usageCharges.edges.length ? (
                <table className="table">
                  <thead><tr><th scope="col">When</th><th scope="col">Campaign</th><th scope="col">Cost</th><th scope="col">Charged</th><th scope="col">Status</th></tr></thead>
                  <tbody>
                    {me.usageCharges.edges.map(({ node: u }) => (
                      <tr key={u.id}><td>{formatDate(u.occurredAt)}</td><td>{u.campaign.title}</td><td>{formatMicros(u.costMicros)}</td><td>{formatMicros(u.overageMicros)}</td><td>{humanize(u.status)}</td></tr>
                    ))}
                  </tbody>
                </table>
              ) : <p className="muted">Your campaigns stayed within their included AI allowance.</p>}
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Where Stripe Checkout returns: waits for billing's webhook to mark the seat paid. */
export function CheckoutSuccess() {
  useTitle('Payment received');
  const q = useQuery(CheckoutRegistrationsDocument, {}, { pollMs: 2000 });
  const paid = q.data?.myRegistrations.filter((r) => r.status === 'PAID').sort((a, b) => (b.paidAt ?? '').localeCompare(a.paidAt ?? ''))[0];
  return (
    <div className="narrow">
      <h1>Thank you!</h1>
      {paid ? (
        <Alert kind="success" title="Your seat is confirmed.">
          <p><Link to={`/campaigns/${paid.campaign.id}`}>{paid.campaign.title}</Link></p>
        </Alert>
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Loading label="Confirming your payment with Stripe…" />
      )}
      <p><Link to="/me/campaigns">My campaigns</Link> · <Link to="/billing">Billing history</Link></p>
    </div>
  );
}
