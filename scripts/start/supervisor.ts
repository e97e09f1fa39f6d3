import type { Backend } from './backend.ts';
import { say } from './output.ts';
import { spawnProcess, type ManagedProcess, type SpawnOptions, type StopSignal } from './process.ts';

/** Services get this long to stop after the stop signal (their own shutdown timeout is 10 s) before SIGKILL. */
const STOP_TIMEOUT_MS = 15_000;
/**
 * A Ctrl-C in a terminal reaches the children too; give our own signal handler this long to run before a child's
 * exit counts as unexpected.
 */
const EXIT_GRACE_MS = 250;

/** Raised when asked to start something after shutdown began. */
export class StoppingError extends Error {
  override readonly name = 'StoppingError';
}

/** Owns every process and backend the start script started, and stops them all exactly once. */
export class Supervisor {
  private readonly services: Array<{ stage: number; process: ManagedProcess }> = [];
  private readonly backends: Array<{ name: string; backend: Backend }> = [];
  private stopping: Promise<never> | undefined;

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Takes ownership of a started backend (stopped last, in reverse order). */
  async adopt(name: string, backend: Backend): Promise<void> {
    if (this.stopping) {
      await backend.stop();
      throw new StoppingError(name);
    }
    this.backends.push({ name, backend });
    if (backend.exited) this.watch(name, backend.exited, () => []);
  }

  /** Spawns a service; its unexpected exit shuts everything down. */
  launch(stage: number, options: SpawnOptions): ManagedProcess {
    if (this.stopping) throw new StoppingError(options.name);
    const child = spawnProcess(options);
    this.services.push({ stage, process: child });
    this.watch(options.name, child.exited, () => child.tail());
    return child;
  }

  /**
   * Stops services (last stage first), then backends, then exits with `code`. Later calls change nothing.
   * `received` is the signal that asked us to stop, if any: see `stopSignal`.
   */
  shutdown(code: number, reason: string, received?: NodeJS.Signals): Promise<never> {
    this.stopping ??= (async (): Promise<never> => {
      const signal = stopSignal(received);
      (code === 0 ? say.info : say.error)(reason);
      const stages = [...new Set(this.services.map((s) => s.stage))].sort((a, b) => b - a);
      for (const stage of stages) {
        const group = this.services.filter((s) => s.stage === stage && s.process.running);
        await Promise.all(group.map((s) => this.stopService(s.process, signal)));
      }
      for (const { name, backend } of this.backends.reverse()) {
        await backend.stop().catch((error: unknown) => say.warn(`stopping ${name} failed: ${String(error)}`));
      }
      say.info(code === 0 ? 'stopped' : 'stopped after an error');
      process.exit(code);
    })();
    return this.stopping;
  }

  /** Second Ctrl-C: no more waiting. */
  kill(): never {
    for (const { process: child } of this.services) if (child.running) process.kill(child.pid, 'SIGKILL');
    say.error('killed');
    process.exit(1);
  }

  private async stopService(child: ManagedProcess, signal: StopSignal): Promise<void> {
    const { code, killed } = await child.stop(STOP_TIMEOUT_MS, signal);
    if (killed) say.warn(`${child.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s and was killed`);
    // 130/143: ended by the signal itself, i.e. it was still booting and had no handler yet
    else if (code !== 0 && code !== 130 && code !== 143) say.warn(`${child.name} exited with code ${code} while stopping`);
  }

  private watch(name: string, exited: Promise<number>, tail: () => string[]): void {
    void exited.then(async (code) => {
      if (this.stopping) return;
      await Bun.sleep(EXIT_GRACE_MS);
      if (this.stopping) return;
      void this.shutdown(1, `${name} exited unexpectedly with code ${code}${formatTail(name, tail())}`);
    });
  }
}

/**
 * Services handle SIGINT and SIGTERM once each; the same signal twice kills them. A signal sent to our process
 * group (Ctrl-C in a terminal, `timeout`, `kill -- -PGID`) has already reached them, so forward the other one.
 */
function stopSignal(received: NodeJS.Signals | undefined): StopSignal {
  return received === 'SIGTERM' ? 'SIGINT' : 'SIGTERM';
}

/** The last log lines of a process, indented, for error messages. */
export function formatTail(name: string, lines: string[]): string {
  if (!lines.length) return '';
  return `; last lines from ${name}:\n    ${lines.join('\n    ')}`;
}
