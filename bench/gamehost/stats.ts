/** Measuring helpers of the gamehost benchmark. */

/** Latency samples (ms) of EVENT messages, read from the send time the publisher put in the action text. */
export class Recorder {
  samples = new Float64Array(4_000_000);
  sentAt = new Float64Array(4_000_000);
  n = 0;
  on = false;
  seen = 0;
  record(data: string) {
    this.seen++;
    if (!this.on || !data.startsWith('{"type":"event"')) return;
    const m = /"text":"t=([\d.]+)/.exec(data);
    if (m && this.n < this.samples.length) (this.sentAt[this.n] = Number(m[1])), (this.samples[this.n++] = performance.now() - Number(m[1]));
  }
  reset() {
    this.n = 0;
  }
  /** When the slow updates were sent (ms since `from`), to tell stalls from steady queueing. */
  slow(threshold: number, from: number) {
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.samples[i]! >= threshold) out.push(Math.round(this.sentAt[i]! - from));
    return out;
  }
  stats() {
    const s = this.samples.slice(0, this.n).sort();
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
    return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] ?? NaN };
  }
}

/** CPU seconds a process used so far (Linux /proc). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await Bun.file(`/proc/${pid}/stat`).text();
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;

export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
