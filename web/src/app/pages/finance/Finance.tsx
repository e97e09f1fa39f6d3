import { useMemo, useState } from 'react';
import { LlmCostExportDocument, LlmMarginsDocument, LlmSpendSeriesDocument, LlmTopSpendersDocument } from '../../operations/finance.ts';
import { execute } from '../../lib/graphql.ts';
import { useQuery, useTitle } from '../../lib/hooks.ts';
import { addDays, formatBp, formatMicros, formatNumber, utcDay } from '../../lib/format.ts';
import { downloadText, toCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { Button, Card, ErrorAlert, Loading, PageHeader, QueryView, SelectField, Stat } from '../../components/ui.tsx';
import { DonutChart, ForecastChart, HorizontalBarChart, RevenueCostChart, StackedBarChart, type Series } from '../../components/charts.tsx';
import type { LlmCostDimension, LlmCostExportQuery, LlmCostFilter, LlmSpendSeriesQuery } from '../../gql/graphql.ts';

type Dimension = Extract<LlmCostDimension, 'PROVIDER' | 'MODEL' | 'TIER' | 'PURPOSE'>;
type Row = LlmSpendSeriesQuery['analytics']['llmCost']['edges'][number]['node'];

const DIM_FIELD: Record<Dimension, 'provider' | 'model' | 'tier' | 'purpose'> = { PROVIDER: 'provider', MODEL: 'model', TIER: 'tier', PURPOSE: 'purpose' };
const money = (n: number) => formatMicros(n, { compact: true });

/** Days from..to inclusive, as YYYY-MM-DD. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Rows grouped by (day, key) into one series per key over every day (missing days are zero); largest series first, the tail folded into "Other". */
export function toSeries(rows: readonly Row[], days: readonly string[], field: 'provider' | 'model' | 'tier' | 'purpose', maxSeries = 7): Series[] {
  const byKey = new Map<string, number[]>();
  const index = new Map(days.map((d, i) => [d, i]));
  for (const r of rows) {
    const key = r[field] ?? 'unknown';
    const i = index.get(r.day ?? '');
    if (i === undefined) continue;
    const values = byKey.get(key) ?? days.map(() => 0);
    values[i] = (values[i] ?? 0) + r.usage.costMicros;
    byKey.set(key, values);
  }
  const sorted = [...byKey.entries()].map(([key, values]) => ({ key, label: key, values, sum: values.reduce((a, b) => a + b, 0) })).sort((a, b) => b.sum - a.sum);
  const head = sorted.slice(0, maxSeries);
  const tail = sorted.slice(maxSeries);
  if (tail.length) head.push({ key: '__other', label: `Other (${tail.length})`, values: days.map((_, i) => tail.reduce((s, t) => s + (t.values[i] ?? 0), 0)), sum: 0 });
  return head.map(({ key, label, values }) => ({ key, label, values }));
}

/** Finance: LLM spend from analytics' rollups (llm-router's USAGE events) against revenue (billing's payments). */
export function Finance() {
  useTitle('LLM cost dashboard');
  const today = utcDay(new Date());
  const [range, setRange] = useState(30);
  const [dimension, setDimension] = useState<Dimension>('PROVIDER');
  const [tier, setTier] = useState('');
  const from = addDays(today, -(range - 1));
  const filter: LlmCostFilter | undefined = tier ? { tiers: [tier] } : undefined;
  const monthStart = `${today.slice(0, 8)}01`;
  const series = useQuery(LlmSpendSeriesDocument, { from, to: today, groupBy: ['DAY', dimension], filter });
  const month = useQuery(LlmSpendSeriesDocument, { from: monthStart, to: today, groupBy: ['DAY'], filter });
  const top = useQuery(LlmTopSpendersDocument, { from, to: today, filter });
  const margins = useQuery(LlmMarginsDocument, { filter });
  const days = useMemo(() => daysBetween(from, today), [from, today]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const rows: Array<Array<string | number | null>> = [];
      let after: string | null = null;
      do {
        const data: LlmCostExportQuery = await execute(LlmCostExportDocument, { from, to: today, filter, after });
        for (const { node: r } of data.analytics.llmCost.edges) {
          const u = r.usage;
          rows.push([r.day, r.provider, r.model, r.tier, r.purpose, u.calls, u.errors, u.costMicros, (u.costMicros / 1e6).toFixed(6), u.inputTokens, u.cachedInputTokens, u.cacheWriteTokens, u.outputTokens, u.reasoningTokens, u.images]);
        }
        after = data.analytics.llmCost.pageInfo.hasNextPage ? data.analytics.llmCost.pageInfo.endCursor : null;
      } while (after);
      downloadText(`llm-cost-${from}-to-${today}.csv`, toCsv(['day', 'provider', 'model', 'tier', 'purpose', 'calls', 'errors', 'cost_micros', 'cost_usd', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'images'], rows));
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="finance">
      <PageHeader
        title="LLM cost"
        subtitle="Spend by provider, model and tier from llm-router's metered usage, against revenue. UTC days; figures lag events by about a second."
        actions={<Button variant="secondary" busy={exporting} onClick={() => void exportCsv()}>Export CSV</Button>}
      />
      {exportError ? <p className="field-error" role="alert">{exportError}</p> : null}
      <form className="filters" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Period" value={range} onChange={(e) => setRange(Number(e.target.value))}>
          <option value={7}>Last 7 days</option>
          <option value={30}>Last 30 days</option>
          <option value={90}>Last 90 days</option>
        </SelectField>
        <SelectField label="Break spend down by" value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)}>
          <option value="PROVIDER">Provider</option>
          <option value="MODEL">Model</option>
          <option value="TIER">Tier</option>
          <option value="PURPOSE">Purpose</option>
        </SelectField>
        <SelectField label="Tier" value={tier} onChange={(e) => setTier(e.target.value)}>
          <option value="">All tiers</option>
          <option value="PREMIUM">Premium</option>
          <option value="STANDARD">Standard</option>
          <option value="ECONOMY">Economy</option>
        </SelectField>
      </form>
      <QueryView state={series} label="Loading spend…">
        {(d) => {
          const t = d.analytics.llmCost.totals;
          const f = margins.data?.analytics.llmSpendForecast;
          return (
            <>
              <div className="stats" data-testid="finance-totals">
                <Stat label="Spend in period" value={formatMicros(t.costMicros)} hint={`${formatNumber(t.calls)} calls`} />
                <Stat label="Error rate" value={t.calls ? `${((t.errors / t.calls) * 100).toFixed(1)}%` : '—'} hint={`${formatNumber(t.errors)} failed or aborted`} />
                <Stat label="Month-end forecast" value={f ? formatMicros(f.forecastMicros) : '…'} hint={f ? `${f.month}: ${formatMicros(f.actualMicros)} so far` : undefined} />
                <Stat label="Gross margin (lifetime)" value={margins.data ? formatBp(margins.data.analytics.campaignMargins.totals.grossMarginBp) : '…'} hint="target 60–70%" />
              </div>
              <div className="chart-grid">
                <Card title="Spend over time" className="wide">
                  {d.analytics.llmCost.edges.length ? (
                    <StackedBarChart title={`Daily LLM spend by ${dimension.toLowerCase()}`} categories={days} series={toSeries(d.analytics.llmCost.edges.map((e) => e.node), days, DIM_FIELD[dimension])} format={money} formatCategory={(c) => c.slice(5)} />
                  ) : <p className="muted">No LLM calls in this period.</p>}
                </Card>
                <Card title="Tokens">
                  <DonutChart
                    title="Token breakdown"
                    format={(n) => formatNumber(n, true)}
                    items={[
                      { key: 'input', label: 'Input', value: Math.max(0, t.inputTokens - t.cachedInputTokens) },
                      { key: 'cached', label: 'Cached input', value: t.cachedInputTokens },
                      { key: 'output', label: 'Output', value: t.outputTokens },
                      { key: 'reasoning', label: 'Reasoning', value: t.reasoningTokens },
                    ]}
                  />
                  <p className="muted small">Cache writes: {formatNumber(t.cacheWriteTokens)} · images: {formatNumber(t.images)}</p>
                </Card>
                <Card title="Month-end forecast">
                  <QueryView state={month} label="Loading the month…">
                    {(m) => {
                      const monthDays = daysBetween(monthStart, f?.asOf ?? addDays(today, -1));
                      const byDay = new Map(m.analytics.llmCost.edges.map((e) => [e.node.day, e.node.usage.costMicros]));
                      return f ? (
                        <>
                          <ForecastChart title={`Cumulative spend, ${f.month}`} daily={monthDays.map((day) => byDay.get(day) ?? 0)} daysInMonth={f.daysInMonth} forecast={f.forecastMicros} format={money} />
                          <p className="muted small">{f.method} · trend over {f.trendDays} days ({formatMicros(f.slopeMicrosPerDay)}/day²)</p>
                        </>
                      ) : margins.error ? <ErrorAlert error={margins.error} /> : <Loading />;
                    }}
                  </QueryView>
                </Card>
                <Card title="Top campaigns by spend">
                  <QueryView state={top} label="Loading…">
                    {(tp) => (
                      <HorizontalBarChart title="Top campaigns" format={money} items={tp.analytics.campaigns.edges.map(({ node }) => ({ key: node.campaignId ?? 'none', label: node.campaign?.title ?? (node.campaignId ? node.campaignId.slice(0, 8) : 'Outside campaigns'), value: node.usage.costMicros }))} />
                    )}
                  </QueryView>
                </Card>
                <Card title="Top users by spend">
                  <QueryView state={top} label="Loading…">
                    {(tp) => (
                      <HorizontalBarChart title="Top users" color="#009E73" format={money} items={tp.analytics.users.edges.map(({ node }) => ({ key: node.userId ?? 'none', label: node.user ? `@${node.user.handle}` : (node.userId ?? 'system'), value: node.usage.costMicros }))} />
                    )}
                  </QueryView>
                </Card>
                <Card title="Cost against revenue per campaign" className="wide">
                  <QueryView state={margins} label="Loading margins…">
                    {(mg) => (
                      <>
                        <RevenueCostChart
                          title="Net revenue and LLM cost by campaign (lifetime)"
                          format={money}
                          items={mg.analytics.campaignMargins.edges.map(({ node }) => ({ key: node.campaignId, label: node.campaign.title, revenue: node.netRevenueCents * 10_000, cost: node.llmCostMicros, marginBp: node.grossMarginBp }))}
                        />
                        <p className="muted small">
                          All campaigns: net revenue {formatMicros(mg.analytics.campaignMargins.totals.netRevenueCents * 10_000)}, LLM cost {formatMicros(mg.analytics.campaignMargins.totals.llmCostMicros)}, margin{' '}
                          {formatBp(mg.analytics.campaignMargins.totals.grossMarginBp)}.
                        </p>
                      </>
                    )}
                  </QueryView>
                </Card>
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
