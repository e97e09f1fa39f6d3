import { activeTraceId } from './tracing.ts';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: serialize(value.cause) };
  }
  return value;
}

/** One JSON object per line on stdout (stderr for warn/error), ready for any log shipper. */
export function createLogger(options: {
  service: string;
  level?: LogLevel;
  base?: Record<string, unknown>;
  write?: (line: string, level: LogLevel) => void;
}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write =
    options.write ??
    ((line: string, level: LogLevel) => {
      if (level === 'warn' || level === 'error') process.stderr.write(line + '\n');
      else process.stdout.write(line + '\n');
    });
  const base = { service: options.service, ...options.base };
  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base };
    // lines written inside a traced request carry its trace id, so a log line leads to its trace
    const traceId = activeTraceId();
    if (traceId) entry.traceId = traceId;
    if (fields) for (const [k, v] of Object.entries(fields)) entry[k] = serialize(v);
    write(JSON.stringify(entry), level);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger({ ...options, base: { ...options.base, ...fields } }),
  };
}
