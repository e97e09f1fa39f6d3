/**
 * A minimal S3-compatible server (path-style `PUT/GET/HEAD/DELETE /<bucket>/<key>`), enough for Bun's S3 client to
 * store and read snapshots. Signatures are not checked; the bucket must exist.
 */
export interface FakeS3 {
  readonly endpoint: string;
  readonly objects: Map<string, Uint8Array>;
  stop(): Promise<void>;
}

const xmlError = (status: number, code: string, message: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });

export function startFakeS3(buckets: string[]): FakeS3 {
  const objects = new Map<string, Uint8Array>();
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const path = decodeURIComponent(new URL(req.url).pathname).replace(/^\/+/, '');
      const bucket = path.split('/')[0]!;
      if (!buckets.includes(bucket)) return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist');
      switch (req.method) {
        case 'PUT': {
          const body = new Uint8Array(await req.arrayBuffer());
          objects.set(path, body);
          return new Response(null, { status: 200, headers: { etag: `"${Bun.hash(body).toString(16)}"` } });
        }
        case 'GET':
        case 'HEAD': {
          const body = objects.get(path);
          if (!body) return req.method === 'HEAD' ? new Response(null, { status: 404 }) : xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
          return new Response(req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } });
        }
        case 'DELETE':
          objects.delete(path);
          return new Response(null, { status: 204 });
        default:
          return xmlError(405, 'MethodNotAllowed', 'not supported');
      }
    },
  });
  return { endpoint: `http://127.0.0.1:${server.port}`, objects, stop: async () => void (await server.stop(true)) };
}
