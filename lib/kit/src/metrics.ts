/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms with labels.
 * No dependency and no background work: values live in maps and are rendered when `/metrics` is scraped.
 * Every service shares the process-wide `metrics` registry; kit records HTTP, GraphQL, database, NATS and
 * outbox figures into it, and a service may add its own.
 */

type Labels = Record<string, string | number | boolean | undefined>;

/** Latency buckets in seconds, tuned around the 200 ms p95 target. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Series per metric beyond which new label sets collapse into one `_overflow` series (a cardinality guard). */
const MAX_SERIES = 2000;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelKey(names: readonly string[], labels: Labels | undefined): string {
  if (!names.length) return '';
  return names.map((n) => String(labels?.[n] ?? '')).join('\u0000');
}

function renderLabels(names: readonly string[], key: string, extra: Record<string, string> = {}): string {
  const values = key === '' && names.length === 0 ? [] : key.split('\u0000');
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

interface MetricBase {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(constLabels: Record<string, string>): string;
  reset(): void;
}

function checkName(name: string, labelNames: readonly string[]) {
  if (!NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
  for (const l of labelNames) if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l) || l.startsWith('__')) throw new Error(`invalid label name "${l}"`);
}

/** A monotonically increasing count. */
export class Counter<L extends string = string> implements MetricBase {
  readonly type = 'counter' as const;
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[] = [],
    private readonly collect?: (counter: Counter<L>) => void,
  ) {
    checkName(name, labelNames);
  }
  inc(labels?: Partial<Record<L, string | number | boolean>>, by = 1): void {
    if (!(by >= 0)) return;
    let key = labelKey(this.labelNames, labels);
    if (!this.values.has(key) && this.values.size >= MAX_SERIES) key = labelKey(this.labelNames, Object.fromEntries(this.labelNames.map((n) => [n, '_overflow'])));
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  get(labels?: Partial<Record<L, string | number | boolean>>): number {
    return this.values.get(labelKey(this.labelNames, labels)) ?? 0;
  }
  /** Sets the running total read from elsewhere (a collector mirroring a cumulative source, e.g. CPU time). */
  setTotal(labels: Partial<Record<L, string | number | boolean>> | undefined, total: number): void {
    this.values.set(labelKey(this.labelNames, labels), total);
  }
  render(constLabels: Record<string, string>): string {
    try {
      this.collect?.(this);
    } catch {
      // a failing collector must never break the scrape
    }
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    for (const [key, v] of this.values) out += `${this.name}${renderLabels(this.labelNames, key, constLabels)} ${formatValue(v)}\n`;
    return out;
  }
  reset(): void {
    this.values.clear();
  }
}

/** A value that goes up and down; `collect` (if given) refreshes it right before each scrape. */
export class Gauge<L extends string = string> implements MetricBase {
  readonly type = 'gauge' as const;
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[] = [],
    private readonly collect?: (gauge: Gauge<L>) => void,
  ) {
    checkName(name, labelNames);
  }
  set(labels: Partial<Record<L, string | number | boolean>> | undefined, value: number): void {
    this.values.set(labelKey(this.labelNames, labels), value);
  }
  inc(labels?: Partial<Record<L, string | number | boolean>>, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  dec(labels?: Partial<Record<L, string | number | boolean>>, by = 1): void {
    this.inc(labels, -by);
  }
  /** Removes one label set (e.g. a consumer that stopped). */
  remove(labels?: Partial<Record<L, string | number | boolean>>): void {
    this.values.delete(labelKey(this.labelNames, labels));
  }
  get(labels?: Partial<Record<L, string | number | boolean>>): number {
    return this.values.get(labelKey(this.labelNames, labels)) ?? 0;
  }
  render(constLabels: Record<string, string>): string {
    try {
      this.collect?.(this);
    } catch {
      // a failing collector must never break the scrape
    }
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n`;
    for (const [key, v] of this.values) out += `${this.name}${renderLabels(this.labelNames, key, constLabels)} ${formatValue(v)}\n`;
    return out;
  }
  reset(): void {
    this.values.clear();
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets (`_bucket`, `_sum`, `_count`), so p95 can be computed server side. */
export class Histogram<L extends string = string> implements MetricBase {
  readonly type = 'histogram' as const;
  private readonly series = new Map<string, HistogramSeries>();
  readonly buckets: readonly number[];
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[] = [],
    buckets: readonly number[] = LATENCY_BUCKETS,
  ) {
    checkName(name, labelNames);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  observe(labels: Partial<Record<L, string | number | boolean>> | undefined, value: number): void {
    if (!Number.isFinite(value)) return;
    let key = labelKey(this.labelNames, labels);
    if (!this.series.has(key) && this.series.size >= MAX_SERIES) key = labelKey(this.labelNames, Object.fromEntries(this.labelNames.map((n) => [n, '_overflow'])));
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }
  /** Starts a timer; calling the result observes the elapsed seconds. */
  startTimer(labels?: Partial<Record<L, string | number | boolean>>): (more?: Partial<Record<L, string | number | boolean>>) => number {
    const start = performance.now();
    return (more) => {
      const seconds = (performance.now() - start) / 1000;
      this.observe({ ...labels, ...more } as Partial<Record<L, string>>, seconds);
      return seconds;
    };
  }
  /** Count and sum of one label set (tests and summaries). */
  get(labels?: Partial<Record<L, string | number | boolean>>): { count: number; sum: number } {
    const s = this.series.get(labelKey(this.labelNames, labels));
    return { count: s?.count ?? 0, sum: s?.sum ?? 0 };
  }
  render(constLabels: Record<string, string>): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    for (const [key, s] of this.series) {
      for (let i = 0; i < this.buckets.length; i++) {
        out += `${this.name}_bucket${renderLabels(this.labelNames, key, { ...constLabels, le: formatValue(this.buckets[i]!) })} ${s.counts[i]}\n`;
      }
      out += `${this.name}_bucket${renderLabels(this.labelNames, key, { ...constLabels, le: '+Inf' })} ${s.count}\n`;
      out += `${this.name}_sum${renderLabels(this.labelNames, key, constLabels)} ${formatValue(s.sum)}\n`;
      out += `${this.name}_count${renderLabels(this.labelNames, key, constLabels)} ${s.count}\n`;
    }
    return out;
  }
  reset(): void {
    this.series.clear();
  }
}

/** A set of metrics rendered together; `constLabels` (e.g. `service`) are added to every series. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, MetricBase>();
  readonly constLabels: Record<string, string> = {};

  /** Returns the metric registered under `name`, creating it on first use (so modules can share one). */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = [], collect?: (counter: Counter<L>) => void): Counter<L> {
    return this.getOrCreate(name, 'counter', () => new Counter(name, help, labelNames, collect)) as Counter<L>;
  }
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = [], collect?: (gauge: Gauge<L>) => void): Gauge<L> {
    return this.getOrCreate(name, 'gauge', () => new Gauge(name, help, labelNames, collect)) as Gauge<L>;
  }
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: readonly number[]): Histogram<L> {
    return this.getOrCreate(name, 'histogram', () => new Histogram(name, help, labelNames, buckets)) as Histogram<L>;
  }
  private getOrCreate(name: string, type: MetricBase['type'], create: () => MetricBase): MetricBase {
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.type !== type) throw new Error(`metric ${name} is already registered as a ${existing.type}`);
      return existing;
    }
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
  /** The Prometheus text exposition of every metric. */
  render(): string {
    let out = '';
    for (const m of this.metrics.values()) out += m.render(this.constLabels);
    return out;
  }
  /** Zeroes every series (tests). */
  reset(): void {
    for (const m of this.metrics.values()) m.reset();
  }
}

/** Content type of the text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The process-wide registry every kit building block records into. */
export const metrics = new MetricsRegistry();

/** Names the service in every series (`service="users"`); set by `startTelemetry`. */
export function setMetricsService(service: string): void {
  metrics.constLabels.service = service;
}

const startedAt = Date.now();
metrics.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', [], (g) => g.set(undefined, process.memoryUsage().rss));
metrics.gauge('process_heap_bytes', 'JavaScript heap in use, in bytes.', [], (g) => g.set(undefined, process.memoryUsage().heapUsed));
metrics.gauge('process_uptime_seconds', 'Seconds since the process started.', [], (g) => g.set(undefined, (Date.now() - startedAt) / 1000));
metrics.counter('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.', [], (c) => {
  const u = process.cpuUsage();
  c.setTotal(undefined, (u.user + u.system) / 1e6);
});

/** A `/metrics` response from the shared registry. */
export function metricsResponse(registry: MetricsRegistry = metrics): Response {
  return new Response(registry.render(), { headers: { 'content-type': METRICS_CONTENT_TYPE } });
}
