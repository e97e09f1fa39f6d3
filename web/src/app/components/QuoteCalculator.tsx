import { useState } from 'react';
import { QuoteDocument } from '../operations/public.ts';
import { useDebounced, useQuery } from '../lib/hooks.ts';
import { formatCents } from '../lib/format.ts';
import { errorMessage } from '../lib/errors.ts';
import type { LlmTier, QuoteInput } from '../gql/graphql.ts';
import { SelectField, Field } from './ui.tsx';

/** Billing's live price for a configuration: asked again (debounced) whenever the configuration changes. */
export function QuotePreview({ input }: { input: QuoteInput }) {
  const debounced = useDebounced(input, 250);
  const valid = [4, 12, 24].includes(debounced.lengthWeeks) && debounced.playHoursPerWeek >= 1 && debounced.playHoursPerWeek <= 40 && debounced.players >= 2 && debounced.players <= 50;
  const quote = useQuery(QuoteDocument, { input: debounced }, { skip: !valid, anonymous: true });
  const stale = quote.loading || JSON.stringify(debounced) !== JSON.stringify(input);
  return (
    <div className="quote" aria-live="polite" aria-busy={stale || undefined} data-testid="quote">
      {!valid ? (
        <p className="muted">Pick 4, 12 or 24 weeks, 1–40 hours a week and 2–50 players to see the price.</p>
      ) : quote.error && !quote.data ? (
        <p className="field-error" role="alert">{errorMessage(quote.error)}</p>
      ) : quote.data ? (
        <>
          <p className="quote-price">
            <span data-testid="quote-per-player">{formatCents(quote.data.quote.perPlayerCents, quote.data.quote.currency)}</span> <span className="muted">per seat</span>
          </p>
          <p className="muted small">
            {formatCents(quote.data.quote.totalCents, quote.data.quote.currency)} for all {debounced.players} seats · price book {quote.data.quote.priceBook}
            {stale ? ' · updating…' : ''}
          </p>
        </>
      ) : (
        <p className="muted">Asking billing for the price…</p>
      )}
    </div>
  );
}

export function QuoteCalculator() {
  const [input, setInput] = useState<QuoteInput>({ lengthWeeks: 12, playHoursPerWeek: 3, llmTier: 'STANDARD', players: 4 });
  return (
    <div className="calculator">
      <div className="form-grid">
        <SelectField label="Length" value={input.lengthWeeks} onChange={(e) => setInput({ ...input, lengthWeeks: Number(e.target.value) })}>
          <option value={4}>4 weeks</option>
          <option value={12}>12 weeks</option>
          <option value={24}>24 weeks</option>
        </SelectField>
        <Field label="Hours a week" type="number" min={1} max={40} value={input.playHoursPerWeek} onChange={(e) => setInput({ ...input, playHoursPerWeek: Number(e.target.value) })} />
        <SelectField label="AI tier" value={input.llmTier} onChange={(e) => setInput({ ...input, llmTier: e.target.value as LlmTier })}>
          <option value="PREMIUM">Premium</option>
          <option value="STANDARD">Standard</option>
          <option value="ECONOMY">Economy</option>
        </SelectField>
        <Field label="Players" type="number" min={2} max={50} value={input.players} onChange={(e) => setInput({ ...input, players: Number(e.target.value) })} />
      </div>
      <QuotePreview input={input} />
    </div>
  );
}
