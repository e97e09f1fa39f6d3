import { useMemo, useState, type FormEvent } from 'react';
import { CreateCampaignDocument } from '../../operations/campaigns.ts';
import { ApiError } from '../../lib/graphql.ts';
import { useMutation, useTitle } from '../../lib/hooks.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import { Button, Card, ErrorAlert, Field, PageHeader, SelectField } from '../../components/ui.tsx';
import { QuotePreview } from '../../components/QuoteCalculator.tsx';
import type { CampaignDifficulty, CampaignMode, CampaignVisibility, CreateCampaignInput, LlmTier, Weekday } from '../../gql/graphql.ts';

const WEEKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const TIERS: LlmTier[] = ['PREMIUM', 'STANDARD', 'ECONOMY'];

function defaultStart(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setHours(19, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:00`;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Create a campaign; billing's quote for the configuration updates live beside the form. */
export function CreateCampaign() {
  useTitle('Create a campaign');
  const { search } = useLocation();
  const initialTier = TIERS.includes(search.get('tier') as LlmTier) ? (search.get('tier') as LlmTier) : 'STANDARD';
  const initialWeeks = [4, 12, 24].includes(Number(search.get('weeks'))) ? Number(search.get('weeks')) : 12;
  const [form, setForm] = useState({
    title: '',
    mode: 'WEEKLY' as CampaignMode,
    lengthWeeks: initialWeeks,
    playHoursPerWeek: 3,
    maxPlayers: 4,
    llmTier: initialTier,
    difficulty: 'NORMAL' as CampaignDifficulty,
    language: 'en',
    visibility: 'PUBLIC' as CampaignVisibility,
    startsAt: defaultStart(),
    weekday: WEEKDAYS[(new Date(defaultStart()).getDay() + 6) % 7]!,
    time: '19:00',
    timezone: browserZone(),
    seed: '',
  });
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [create, state] = useMutation(CreateCampaignDocument);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const zones = useMemo(() => {
    // the viewer's zone first (UTC is not in supportedValuesOf), so the select always shows the value it holds
    let all: string[] = [];
    try {
      all = Intl.supportedValuesOf('timeZone');
    } catch {
      // older browsers: the viewer's zone and UTC only
    }
    return [...new Set([browserZone(), 'UTC', ...all])];
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldError(null);
    if (!form.title.trim()) return setFieldError({ field: 'title', message: 'Give your campaign a title.' });
    const input: CreateCampaignInput = {
      title: form.title.trim(),
      mode: form.mode,
      lengthWeeks: form.lengthWeeks,
      playHoursPerWeek: form.playHoursPerWeek,
      maxPlayers: form.maxPlayers,
      llmTier: form.llmTier,
      difficulty: form.difficulty,
      language: form.language.trim() || 'en',
      visibility: form.visibility,
      startsAt: new Date(form.startsAt).toISOString(),
      schedule: form.mode === 'WEEKLY' ? { weekday: form.weekday, time: form.time, timezone: form.timezone } : { timezone: form.timezone },
      ...(form.seed.trim() ? { seed: form.seed.trim() } : {}),
    };
    const data = await create({ input });
    if (data) navigate(`/campaigns/${data.createCampaign.id}?created=1`);
  };
  const serverField = state.error instanceof ApiError ? state.error.field : undefined;
  const err = (name: string) => (fieldError?.field === name ? fieldError.message : serverField === name ? errorMessage(state.error) : null);

  return (
    <div>
      <PageHeader title="Create a campaign" subtitle="Set the story, the table and the schedule. You can open registration once it is created." />
      <div className="split">
        <form onSubmit={submit} className="form card" noValidate aria-label="Campaign settings">
          <Field label="Title" value={form.title} onChange={(e) => set('title', e.target.value)} required maxLength={120} error={err('title')} />
          <div className="form-grid">
            <SelectField label="Mode" value={form.mode} onChange={(e) => set('mode', e.target.value as CampaignMode)}>
              <option value="WEEKLY">Weekly sessions</option>
              <option value="ONE_SHOT">One-shot (24 hours)</option>
            </SelectField>
            <SelectField label="Length" value={form.lengthWeeks} onChange={(e) => set('lengthWeeks', Number(e.target.value))} hint={form.mode === 'ONE_SHOT' ? 'Prices the one-shot like a campaign of this length.' : undefined}>
              <option value={4}>4 weeks</option>
              <option value={12}>12 weeks</option>
              <option value={24}>24 weeks</option>
            </SelectField>
            <Field label="Play hours per week" type="number" min={1} max={40} value={form.playHoursPerWeek} onChange={(e) => set('playHoursPerWeek', Number(e.target.value))} error={err('playHoursPerWeek')} />
            <Field label="Players" type="number" min={2} max={50} value={form.maxPlayers} onChange={(e) => set('maxPlayers', Number(e.target.value))} error={err('maxPlayers')} />
            <SelectField label="AI tier" value={form.llmTier} onChange={(e) => set('llmTier', e.target.value as LlmTier)}>
              {TIERS.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}
            </SelectField>
            <SelectField label="Difficulty" value={form.difficulty} onChange={(e) => set('difficulty', e.target.value as CampaignDifficulty)}>
              {['EASY', 'NORMAL', 'HARD', 'BRUTAL'].map((d) => <option key={d} value={d}>{humanize(d)}</option>)}
            </SelectField>
            <Field label="Language" value={form.language} onChange={(e) => set('language', e.target.value)} hint="A language tag such as en, de or pt-BR." error={err('language')} />
            <SelectField label="Who can join" value={form.visibility} onChange={(e) => set('visibility', e.target.value as CampaignVisibility)}>
              <option value="PUBLIC">Anyone (listed)</option>
              <option value="INVITE_ONLY">Invited players only</option>
            </SelectField>
          </div>
          <fieldset>
            <legend>Schedule</legend>
            <div className="form-grid">
              <Field label={form.mode === 'WEEKLY' ? 'First session on or after' : 'Starts at'} type="datetime-local" value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} required error={err('startsAt')} />
              {form.mode === 'WEEKLY' ? (
                <>
                  <SelectField label="Weekday" value={form.weekday} onChange={(e) => set('weekday', e.target.value as Weekday)}>
                    {WEEKDAYS.map((d) => <option key={d} value={d}>{humanize(d)}</option>)}
                  </SelectField>
                  <Field label="Time" type="time" value={form.time} onChange={(e) => set('time', e.target.value)} error={err('time')} />
                </>
              ) : null}
              <SelectField label="Time zone" value={form.timezone} onChange={(e) => set('timezone', e.target.value)}>
                {zones.map((z) => <option key={z} value={z}>{z}</option>)}
              </SelectField>
            </div>
          </fieldset>
          <details>
            <summary>Advanced</summary>
            <Field label="Seed" value={form.seed} onChange={(e) => set('seed', e.target.value)} hint="Same seed and settings, same world. Leave empty for a random one." maxLength={64} error={err('seed')} />
          </details>
          {state.error && !serverField ? <ErrorAlert error={state.error} /> : null}
          <Button type="submit" busy={state.loading}>Create campaign</Button>
        </form>
        <aside aria-label="Price">
          <Card title="Price per seat">
            <QuotePreview input={{ lengthWeeks: form.lengthWeeks, playHoursPerWeek: form.playHoursPerWeek, llmTier: form.llmTier, players: form.maxPlayers }} />
            <p className="muted small">Each player pays this once for the whole campaign. More players share the cost of the game master.</p>
          </Card>
        </aside>
      </div>
    </div>
  );
}
