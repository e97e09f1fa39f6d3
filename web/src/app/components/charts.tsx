/**
 * Hand-written SVG charts: no chart library in the bundle. Every chart is a <figure> with a caption, a text summary
 * for screen readers, a legend, hover/focus titles on its marks and a data table behind a disclosure.
 */
import { useId, useState, type ReactNode } from 'react';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7F7F7F', '#332288', '#88CCEE'];

export interface Series {
  key: string;
  label: string;
  values: number[];
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(value)));
  const f = value / exp;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * exp;
}

function Figure({ title, summary, legend, table, children }: { title: string; summary: string; legend?: ReactNode; table: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <div role="img" aria-label={`${title}. ${summary}`}>{children}</div>
      {legend}
      <details className="chart-data">
        <summary>Show data table</summary>
        {table}
      </details>
    </figure>
  );
}

function Legend({ items }: { items: Array<{ label: string; color: string; dashed?: boolean }> }) {
  return (
    <ul className="legend">
      {items.map((i) => (
        <li key={i.label}>
          <span className={`swatch ${i.dashed ? 'swatch-dashed' : ''}`} style={{ background: i.dashed ? undefined : i.color, borderColor: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

const W = 640;
const H = 260;
const PAD = { top: 12, right: 12, bottom: 36, left: 64 };

/** Values stacked per category (e.g. spend per day, one colour per provider). */
export function StackedBarChart({ title, categories, series, format, formatCategory = (c) => c }: { title: string; categories: string[]; series: Series[]; format: (n: number) => string; formatCategory?: (c: string) => string }) {
  const totals = categories.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const band = innerW / Math.max(1, categories.length);
  const barW = Math.max(2, Math.min(36, band * 0.7));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const labelEvery = Math.ceil(categories.length / 8);
  const total = totals.reduce((a, b) => a + b, 0);
  const top = [...series].map((s) => ({ s, sum: s.values.reduce((a, b) => a + b, 0) })).sort((a, b) => b.sum - a.sum)[0];
  const summary = `${categories.length} periods, total ${format(total)}${top ? `; largest: ${top.s.label} (${format(top.sum)})` : ''}.`;
  return (
    <Figure
      title={title}
      summary={summary}
      legend={<Legend items={series.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length]! }))} />}
      table={
        <table className="table small">
          <thead>
            <tr><th scope="col">Period</th>{series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}<th scope="col">Total</th></tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}><th scope="row">{formatCategory(c)}</th>{series.map((s) => <td key={s.key}>{format(s.values[i] ?? 0)}</td>)}<td>{format(totals[i] ?? 0)}</td></tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t)} className="axis" textAnchor="end" dominantBaseline="middle">{format(t)}</text>
          </g>
        ))}
        {categories.map((c, i) => {
          let acc = 0;
          const x = PAD.left + band * i + (band - barW) / 2;
          return (
            <g key={c}>
              {series.map((s, si) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const y0 = y(acc);
                acc += v;
                const y1 = y(acc);
                return (
                  <rect key={s.key} x={x} y={y1} width={barW} height={Math.max(0.5, y0 - y1)} fill={PALETTE[si % PALETTE.length]} className="mark">
                    <title>{`${formatCategory(c)} · ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={H - PAD.bottom + 16} className="axis" textAnchor="middle">{formatCategory(c)}</text>
              ) : null}
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} className="axis-line" />
      </svg>
    </Figure>
  );
}

/** Ranked items as horizontal bars (top campaigns, top users). */
export function HorizontalBarChart({ title, items, format, color = PALETTE[0]! }: { title: string; items: Array<{ key: string; label: string; value: number }>; format: (n: number) => string; color?: string }) {
  const W = 420;
  const max = Math.max(1e-9, ...items.map((i) => i.value));
  const rowH = 28;
  const labelW = 150;
  const h = Math.max(rowH, items.length * rowH) + 8;
  const valueW = 90;
  const barMax = W - labelW - valueW - 8;
  return (
    <Figure
      title={title}
      summary={items.length ? `${items.length} items; highest ${items[0]!.label} at ${format(items[0]!.value)}.` : 'No data.'}
      table={
        <table className="table small">
          <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
          <tbody>{items.map((i) => <tr key={i.key}><th scope="row">{i.label}</th><td>{format(i.value)}</td></tr>)}</tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${W} ${h}`} className="chart-svg" preserveAspectRatio="xMidYMid meet">
        {items.map((item, i) => {
          const w = Math.max(1, (item.value / max) * barMax);
          const yy = 4 + i * rowH;
          return (
            <g key={item.key}>
              <text x={labelW - 8} y={yy + rowH / 2} className="axis" textAnchor="end" dominantBaseline="middle">{item.label.length > 20 ? `${item.label.slice(0, 19)}…` : item.label}</text>
              <rect x={labelW} y={yy + 5} width={w} height={rowH - 10} rx={3} fill={color} className="mark">
                <title>{`${item.label}: ${format(item.value)}`}</title>
              </rect>
              <text x={labelW + w + 6} y={yy + rowH / 2} className="axis value" dominantBaseline="middle">{format(item.value)}</text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** Parts of a whole (token breakdown). */
export function DonutChart({ title, items, format }: { title: string; items: Array<{ key: string; label: string; value: number }>; format: (n: number) => string }) {
  const total = items.reduce((s, i) => s + i.value, 0);
  const [active, setActive] = useState<string | null>(null);
  const r = 80;
  const c = 2 * Math.PI * r;
  let offset = 0;
  const shown = active ? items.find((i) => i.key === active) : undefined;
  return (
    <Figure
      title={title}
      summary={`Total ${format(total)}: ${items.map((i) => `${i.label} ${total ? Math.round((i.value / total) * 100) : 0}%`).join(', ')}.`}
      legend={<Legend items={items.map((i, idx) => ({ label: `${i.label} — ${format(i.value)} (${total ? ((i.value / total) * 100).toFixed(1) : '0'}%)`, color: PALETTE[idx % PALETTE.length]! }))} />}
      table={
        <table className="table small">
          <thead><tr><th scope="col">Kind</th><th scope="col">Value</th><th scope="col">Share</th></tr></thead>
          <tbody>{items.map((i) => <tr key={i.key}><th scope="row">{i.label}</th><td>{format(i.value)}</td><td>{total ? ((i.value / total) * 100).toFixed(1) : '0'}%</td></tr>)}</tbody>
        </table>
      }
    >
      <svg viewBox="0 0 240 220" className="chart-svg donut" preserveAspectRatio="xMidYMid meet">
        <g transform="translate(120 110) rotate(-90)">
          <circle r={r} fill="none" stroke="var(--surface-2)" strokeWidth={28} />
          {total > 0
            ? items.map((i, idx) => {
                const len = (i.value / total) * c;
                const el = (
                  <circle
                    key={i.key}
                    r={r}
                    fill="none"
                    stroke={PALETTE[idx % PALETTE.length]}
                    strokeWidth={active === i.key ? 34 : 28}
                    strokeDasharray={`${len} ${c - len}`}
                    strokeDashoffset={-offset}
                    className="mark"
                    onMouseEnter={() => setActive(i.key)}
                    onMouseLeave={() => setActive(null)}
                  >
                    <title>{`${i.label}: ${format(i.value)}`}</title>
                  </circle>
                );
                offset += len;
                return el;
              })
            : null}
        </g>
        <text x="120" y="104" textAnchor="middle" className="donut-total">{format(shown ? shown.value : total)}</text>
        <text x="120" y="126" textAnchor="middle" className="axis">{shown ? shown.label : 'total'}</text>
      </svg>
    </Figure>
  );
}

/** Revenue against cost per item, with the margin printed above each pair. */
export function RevenueCostChart({ title, items, format }: { title: string; items: Array<{ key: string; label: string; revenue: number; cost: number; marginBp: number | null }>; format: (n: number) => string }) {
  const max = niceMax(Math.max(0, ...items.flatMap((i) => [i.revenue, i.cost])));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom - 10;
  const top = PAD.top + 14;
  const band = innerW / Math.max(1, items.length);
  const barW = Math.max(3, Math.min(24, band * 0.35));
  const y = (v: number) => top + innerH - (v / max) * innerH;
  const ticks = [0, 0.5, 1].map((t) => t * max);
  return (
    <Figure
      title={title}
      summary={`${items.length} campaigns. ${items.filter((i) => i.marginBp !== null && i.marginBp < 6000).length} below the 60% margin target.`}
      legend={<Legend items={[{ label: 'Net revenue', color: PALETTE[2]! }, { label: 'LLM cost', color: PALETTE[5]! }]} />}
      table={
        <table className="table small">
          <thead><tr><th scope="col">Campaign</th><th scope="col">Net revenue</th><th scope="col">LLM cost</th><th scope="col">Margin</th></tr></thead>
          <tbody>{items.map((i) => <tr key={i.key}><th scope="row">{i.label}</th><td>{format(i.revenue)}</td><td>{format(i.cost)}</td><td>{i.marginBp === null ? '—' : `${(i.marginBp / 100).toFixed(1)}%`}</td></tr>)}</tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t)} className="axis" textAnchor="end" dominantBaseline="middle">{format(t)}</text>
          </g>
        ))}
        {items.map((item, i) => {
          const cx = PAD.left + band * i + band / 2;
          const low = item.marginBp !== null && item.marginBp < 6000;
          return (
            <g key={item.key}>
              <rect x={cx - barW - 1} y={y(item.revenue)} width={barW} height={Math.max(0.5, y(0) - y(item.revenue))} fill={PALETTE[2]} className="mark"><title>{`${item.label} · revenue ${format(item.revenue)}`}</title></rect>
              <rect x={cx + 1} y={y(item.cost)} width={barW} height={Math.max(0.5, y(0) - y(item.cost))} fill={PALETTE[5]} className="mark"><title>{`${item.label} · LLM cost ${format(item.cost)}`}</title></rect>
              <text x={cx} y={Math.min(y(item.revenue), y(item.cost)) - 4} textAnchor="middle" className={`axis ${low ? 'warn-text' : ''}`}>{item.marginBp === null ? 'n/a' : `${Math.round(item.marginBp / 100)}%`}</text>
              <text x={cx} y={H - PAD.bottom + 14} textAnchor="middle" className="axis">{item.label.length > 12 ? `${item.label.slice(0, 11)}…` : item.label}</text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** Month-to-date cumulative spend (solid) and the straight-line projection to month end (dashed). */
export function ForecastChart({ title, daily, daysInMonth, forecast, format }: { title: string; daily: number[]; daysInMonth: number; forecast: number; format: (n: number) => string }) {
  const W = 420;
  const H = 240;
  const cumulative: number[] = [];
  daily.reduce((acc, v, i) => (cumulative[i] = acc + v), 0);
  const actual = cumulative.at(-1) ?? 0;
  const max = niceMax(Math.max(forecast, actual));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (d: number) => PAD.left + (d / Math.max(1, daysInMonth)) * innerW;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const path = cumulative.map((v, i) => `${i ? 'L' : 'M'}${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = [0, 0.5, 1].map((t) => t * max);
  return (
    <Figure
      title={title}
      summary={`Spent ${format(actual)} in ${daily.length} days; forecast ${format(forecast)} by day ${daysInMonth}.`}
      legend={<Legend items={[{ label: 'Month to date', color: PALETTE[0]! }, { label: 'Projection', color: PALETTE[1]!, dashed: true }]} />}
      table={
        <table className="table small">
          <thead><tr><th scope="col">Day</th><th scope="col">Spend</th><th scope="col">Cumulative</th></tr></thead>
          <tbody>{daily.map((v, i) => <tr key={i}><th scope="row">{i + 1}</th><td>{format(v)}</td><td>{format(cumulative[i] ?? 0)}</td></tr>)}<tr><th scope="row">{daysInMonth} (forecast)</th><td /><td>{format(forecast)}</td></tr></tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t)} className="axis" textAnchor="end" dominantBaseline="middle">{format(t)}</text>
          </g>
        ))}
        {[1, Math.ceil(daysInMonth / 2), daysInMonth].map((d) => (
          <text key={d} x={x(d)} y={H - PAD.bottom + 16} className="axis" textAnchor="middle">{`day ${d}`}</text>
        ))}
        {path ? <path d={path} fill="none" stroke={PALETTE[0]} strokeWidth={2.5} /> : null}
        <line x1={x(Math.max(daily.length, 0))} y1={y(actual)} x2={x(daysInMonth)} y2={y(forecast)} stroke={PALETTE[1]} strokeWidth={2.5} strokeDasharray="6 5" />
        <circle cx={x(daysInMonth)} cy={y(forecast)} r={4} fill={PALETTE[1]}><title>{`Forecast: ${format(forecast)}`}</title></circle>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} className="axis-line" />
      </svg>
    </Figure>
  );
}
