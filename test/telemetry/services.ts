/** The processes `startStack` does not run (gamehost, llm-router, web), started the same way: `bun src/main.ts`. */
import { join } from 'node:path';
import { eventually, freePort, REPO_ROOT } from '@startales/testing';

export interface ServiceProcess {
  url: string;
  logs(): string;
  /** SIGTERM (SIGKILL after 10 s); resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `bun src/main.ts` in `dir` (relative to the repository) on a free port and waits for `/healthz/ready`. */
export async function startService(dir: string, env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: join(REPO_ROOT, dir),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const log: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) log.push(decoder.decode(chunk));
    })();
  }
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await Promise.race([proc.exited, Bun.sleep(10_000).then(() => proc.kill('SIGKILL'))]);
    return proc.exitCode;
  };
  try {
    await eventually(
      async () => {
        if (proc.exitCode !== null) throw new Error(`${dir} exited ${proc.exitCode}:\n${log.join('')}`);
        return (await fetch(`${url}/healthz/ready`).catch(() => null))?.ok ?? false;
      },
      `${dir} to be ready`,
      60_000,
      100,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, logs: () => log.join(''), stop };
}
