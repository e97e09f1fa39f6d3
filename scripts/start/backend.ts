/** A dependency the platform connects to (PostgreSQL, NATS), and how to stop it when the start script owns it. */
export interface Backend {
  /** What the services connect to. */
  url: string;
  /** Shown in the start banner. */
  description: string;
  /** Set only for the embedded database: the pool size each service should use. */
  poolMax?: number;
  /** Set when the backend is a child process: resolves if it ends. */
  exited?: Promise<number>;
  stop(): Promise<void>;
}

/** A backend the start script does not own: nothing to stop. */
export function external(url: string, description: string): Backend {
  return { url, description, stop: async () => {} };
}
