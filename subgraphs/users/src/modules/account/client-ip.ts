import { isIP } from 'node:net';

/**
 * The header the gateway sets on every subgraph request to the caller's address (from the connection, never from
 * the client: the gateway drops a client-supplied value). Trustworthy only because subgraphs are reachable from
 * the gateway alone — network policy must keep them private.
 */
export const CLIENT_IP_HEADER = 'x-startales-client-ip';

/**
 * The caller's address as a throttling key: IPv4 as is, IPv6 by its /64 (one subscriber's usual allocation, so
 * rotating addresses inside it gains nothing), IPv4-mapped IPv6 as IPv4. `unknown` without a valid header (a
 * direct call, which only happens in development and tests).
 */
export function clientIp(request: Request): string {
  const raw = request.headers.get(CLIENT_IP_HEADER)?.trim() ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped) return mapped[1]!;
  const kind = isIP(raw);
  if (kind === 4) return raw;
  if (kind === 6) return `${ipv6Groups(raw).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight 16-bit groups of an IPv6 address, expanded (`::` filled, leading zeros dropped). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const part = (s: string) => (s ? s.split(':') : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? g.replace(/^0+(?=.)/, '') : g));
}
