import { useState } from 'react';
import { OpenCampaignsDocument } from '../../operations/campaigns.ts';
import { useQuery, useTitle } from '../../lib/hooks.ts';
import { execute } from '../../lib/graphql.ts';
import { Link } from '../../lib/router.tsx';
import { formatCents, formatDateTime, humanize } from '../../lib/format.ts';
import { errorMessage } from '../../lib/errors.ts';
import { Badge, Button, Empty, PageHeader, QueryView, SelectField, Field } from '../../components/ui.tsx';
import type { CampaignDifficulty, CampaignFilter, CampaignMode, LlmTier, OpenCampaignsQuery } from '../../gql/graphql.ts';

type Edge = OpenCampaignsQuery['openCampaigns']['edges'][number];

export function CampaignCard({ c }: { c: Edge['node'] }) {
  return (
    <li className="campaign-card">
      <h2><Link to={`/campaigns/${c.id}`}>{c.title}</Link></h2>
      <p className="badges">
        <Badge tone="info">{humanize(c.llmTier)}</Badge>
        <Badge>{c.mode === 'ONE_SHOT' ? 'One-shot' : `${c.lengthWeeks} weeks`}</Badge>
        <Badge>{humanize(c.difficulty)}</Badge>
        <Badge tone={c.seatsLeft <= 1 ? 'warn' : 'good'}>{c.seatsLeft} of {c.maxPlayers} seats left</Badge>
      </p>
      <p className="muted small">
        Starts {formatDateTime(c.startsAt, c.schedule.timezone)}
        {c.schedule.weekday ? ` · ${humanize(c.schedule.weekday)}s at ${c.schedule.time}` : ''} · {c.playHoursPerWeek} h/week · {c.language} · by @{c.owner.handle}
      </p>
      <p className="campaign-price">{formatCents(c.price.perPlayerCents, c.price.currency)} <span className="muted small">per seat</span></p>
    </li>
  );
}

/** Browse open campaigns (PUBLIC, in registration, with a free seat), with filters and cursor paging. */
export function Campaigns() {
  useTitle('Find a campaign');
  const [filter, setFilter] = useState<CampaignFilter>({});
  const list = useQuery(OpenCampaignsDocument, { filter, first: 12 });
  const [more, setMore] = useState<Edge[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const set = (patch: Partial<CampaignFilter>) => {
    setMore([]);
    setCursor(undefined);
    setFilter((f) => {
      const next: CampaignFilter = { ...f, ...patch };
      for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) delete next[k as keyof CampaignFilter];
      return next;
    });
  };
  const loadMore = async (after: string) => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const data = await execute(OpenCampaignsDocument, { filter, first: 12, after });
      setMore((m) => [...m, ...data.openCampaigns.edges]);
      setCursor(data.openCampaigns.pageInfo.hasNextPage ? data.openCampaigns.pageInfo.endCursor : null);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <div>
      <PageHeader title="Find a campaign" subtitle="Open tables looking for players." actions={<Link to="/campaigns/new" className="btn btn-primary">Create a campaign</Link>} />
      <form className="filters" aria-label="Filter campaigns" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Mode" value={filter.mode ?? ''} onChange={(e) => set({ mode: (e.target.value || undefined) as CampaignMode | undefined })}>
          <option value="">Any</option>
          <option value="WEEKLY">Weekly</option>
          <option value="ONE_SHOT">One-shot</option>
        </SelectField>
        <SelectField label="AI tier" value={filter.llmTier ?? ''} onChange={(e) => set({ llmTier: (e.target.value || undefined) as LlmTier | undefined })}>
          <option value="">Any</option>
          <option value="PREMIUM">Premium</option>
          <option value="STANDARD">Standard</option>
          <option value="ECONOMY">Economy</option>
        </SelectField>
        <SelectField label="Difficulty" value={filter.difficulty ?? ''} onChange={(e) => set({ difficulty: (e.target.value || undefined) as CampaignDifficulty | undefined })}>
          <option value="">Any</option>
          {['EASY', 'NORMAL', 'HARD', 'BRUTAL'].map((d) => <option key={d} value={d}>{humanize(d)}</option>)}
        </SelectField>
        <SelectField label="Length" value={filter.lengthWeeks ?? ''} onChange={(e) => set({ lengthWeeks: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">Any</option>
          <option value={4}>4 weeks</option>
          <option value={12}>12 weeks</option>
          <option value={24}>24 weeks</option>
        </SelectField>
        <Field label="Language" placeholder="e.g. en" value={filter.language ?? ''} onChange={(e) => set({ language: e.target.value.trim() || undefined })} maxLength={12} />
        <Field label="Free seats at least" type="number" min={1} max={50} value={filter.minSeatsLeft ?? ''} onChange={(e) => set({ minSeatsLeft: e.target.value ? Number(e.target.value) : undefined })} />
      </form>
      <QueryView state={list} label="Loading campaigns…">
        {(data) => {
          const edges = [...data.openCampaigns.edges, ...more];
          const next = cursor === undefined ? (data.openCampaigns.pageInfo.hasNextPage ? data.openCampaigns.pageInfo.endCursor : null) : cursor;
          return edges.length ? (
            <>
              <p className="muted" role="status">{data.openCampaigns.totalCount} open campaign{data.openCampaigns.totalCount === 1 ? '' : 's'}</p>
              <ul className="campaign-grid">{edges.map((e) => <CampaignCard key={e.node.id} c={e.node} />)}</ul>
              {moreError ? <p className="field-error" role="alert">{moreError}</p> : null}
              {next ? <Button variant="secondary" busy={loadingMore} onClick={() => void loadMore(next)}>Show more</Button> : null}
            </>
          ) : (
            <Empty>
              <p>No open campaign matches. Try fewer filters, or <Link to="/campaigns/new">start your own</Link>.</p>
            </Empty>
          );
        }}
      </QueryView>
    </div>
  );
}
