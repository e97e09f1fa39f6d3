import { useState } from 'react';
import { Link } from '../../lib/router.tsx';
import { formatCents, formatBp, humanize } from '../../lib/format.ts';
import { LENGTHS, TIERS, seatPrice, type PublicData } from './data.ts';
import { QuoteCalculator } from '../../components/QuoteCalculator.tsx';

/** Pricing: seat prices straight from billing's quote for every tier and length, plus plans and a calculator. */
export function Pricing({ data }: { data: PublicData | null }) {
  const pricing = data?.pricing;
  const [weeks, setWeeks] = useState<(typeof LENGTHS)[number]>(12);
  return (
    <div className="pricing">
      <h1>Pricing</h1>
      <p className="lead">
        You pay once per seat for a whole campaign. The price depends on the campaign&rsquo;s length, its weekly play hours, the AI tier and how many players share
        the table. Every seat costs between $10 and $50.
      </p>
      {!pricing ? (
        <div className="alert alert-warning" role="status">
          Prices are not available right now{data?.pricingError ? ` (${data.pricingError})` : ''}. The calculator below asks billing directly.
        </div>
      ) : (
        <>
          <div className="segmented" role="radiogroup" aria-label="Campaign length">
            {LENGTHS.map((l) => (
              <button key={l} type="button" role="radio" aria-checked={weeks === l} className={weeks === l ? 'active' : ''} onClick={() => setWeeks(l)}>
                {l} weeks
              </button>
            ))}
          </div>
          <ul className="tier-grid">
            {TIERS.map((t) => {
              const q = seatPrice(pricing, t.key, weeks);
              return (
                <li key={t.key} className={`tier-card ${t.key === 'standard' ? 'featured' : ''}`}>
                  <h2>{t.name}</h2>
                  <p className="price" data-testid={`price-${t.key}`}>
                    {formatCents(q.perPlayerCents, q.currency)} <span className="muted">per seat</span>
                  </p>
                  <p>{t.blurb}</p>
                  <p className="muted small">{weeks} weeks · 3 hours a week · 4 players</p>
                  <Link to={`/campaigns/new?tier=${t.tier}&weeks=${weeks}`} className="btn btn-primary">Create a {t.name.toLowerCase()} campaign</Link>
                </li>
              );
            })}
          </ul>
          <table className="table pricing-table">
            <caption>Seat price by AI tier and campaign length (4 players, 3 hours a week; price book {pricing.priceBook.id})</caption>
            <thead>
              <tr><th scope="col">Tier</th>{LENGTHS.map((l) => <th key={l} scope="col">{l} weeks</th>)}</tr>
            </thead>
            <tbody>
              {TIERS.map((t) => (
                <tr key={t.key}>
                  <th scope="row">{t.name}</th>
                  {LENGTHS.map((l) => {
                    const q = seatPrice(pricing, t.key, l);
                    return <td key={l}>{formatCents(q.perPlayerCents, q.currency)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {pricing.priceBook.plans.length ? (
            <section aria-labelledby="plans-heading">
              <h2 id="plans-heading">Plans for regular players</h2>
              <table className="table">
                <thead><tr><th scope="col">Plan</th><th scope="col">Billed</th><th scope="col">Price</th><th scope="col">Per month</th><th scope="col">Saving</th></tr></thead>
                <tbody>
                  {pricing.priceBook.plans.map((p) => (
                    <tr key={`${p.plan}-${p.interval}`}>
                      <th scope="row">{humanize(p.plan)}</th>
                      <td>{p.interval === 'YEAR' ? 'Yearly' : 'Monthly'}</td>
                      <td>{formatCents(p.amountCents, pricing.priceBook.currency)}</td>
                      <td>{formatCents(p.monthlyEquivalentCents, pricing.priceBook.currency)}</td>
                      <td>{p.discountBp ? formatBp(p.discountBp) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="calc-heading" className="card">
        <h2 id="calc-heading">Price your own campaign</h2>
        <QuoteCalculator />
      </section>
    </div>
  );
}
