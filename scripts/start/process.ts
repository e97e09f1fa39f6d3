import type { Subprocess } from 'bun';
import { createPrefix } from './output.ts';

const TAIL_LINES = 40;

/** A child process whose output is prefixed with its name and whose last lines are kept for error reports. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code once the process ended and its output was flushed. */
  readonly exited: Promise<number>;
  readonly running: boolean;
  /** The last lines it printed (stdout and stderr interleaved). */
  tail(): string[];
  /** Sends `signal` (default SIGTERM), then SIGKILL after `timeoutMs`; resolves with the exit code and whether it had to be killed. */
  stop(timeoutMs: number, signal?: StopSignal): Promise<{ code: number; killed: boolean }>;
}

export type StopSignal = 'SIGTERM' | 'SIGINT';

export interface SpawnOptions {
  name: string;
  cmd: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** Lines for which this returns false are kept for error reports but not printed (default: print all). */
  show?: (line: string) => boolean;
}

export function spawnProcess(options: SpawnOptions): ManagedProcess {
  const prefix = createPrefix(options.name);
  const lines: string[] = [];
  const proc: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(options.cmd, {
    cwd: options.cwd,
    env: options.env,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const show = options.show ?? (() => true);
  const forward = (write: (text: string) => void) => (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    if (show(line)) write(`${prefix} ${line}`);
  };
  const pumps = Promise.all([pump(proc.stdout, forward(console.log)), pump(proc.stderr, forward(console.error))]);
  const exited = proc.exited.then(async (code) => {
    await Promise.race([pumps, Bun.sleep(1_000)]);
    return code;
  });
  let killed = false;
  return {
    name: options.name,
    pid: proc.pid,
    exited,
    get running() {
      return proc.exitCode === null && proc.signalCode === null;
    },
    tail: () => [...lines],
    async stop(timeoutMs, signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill(signal);
        const timer = setTimeout(() => {
          killed = true;
          proc.kill('SIGKILL');
        }, timeoutMs);
        await proc.exited;
        clearTimeout(timer);
      }
      return { code: await exited, killed };
    },
  };
}

/** Calls `onLine` for each line of a byte stream (a last unterminated line included). */
async function pump(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) onLine(part.replace(/\r$/, ''));
  }
  buffered += decoder.decode();
  if (buffered) onLine(buffered);
}
