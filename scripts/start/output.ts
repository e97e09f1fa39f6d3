const COLORS = [36, 33, 35, 32, 34, 96, 93, 95];
const useColor = Boolean(process.stdout.isTTY) && !Bun.env.NO_COLOR;
let next = 0;
let width = 8;

/** Makes every prefix at least as wide as the longest name, so columns line up. */
export function alignPrefixes(names: readonly string[]): void {
  width = Math.max(width, ...names.map((n) => n.length));
}

/** `[name]` padded and, on a terminal, coloured (one colour per name). */
export function createPrefix(name: string): string {
  const label = `[${name}]`.padEnd(width + 2);
  if (!useColor) return label;
  const color = COLORS[next++ % COLORS.length];
  return `\x1b[${color}m${label}\x1b[0m`;
}

const startPrefix = useColor ? '\x1b[1m[start]\x1b[0m' : '[start]';

/** The start script's own messages. */
export const say = {
  info: (message: string) => console.log(`${startPrefix} ${message}`),
  warn: (message: string) => console.warn(`${startPrefix} warning: ${message}`),
  error: (message: string) => console.error(`${startPrefix} error: ${message}`),
};
