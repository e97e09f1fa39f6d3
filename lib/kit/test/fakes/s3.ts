/**
 * A local fake of an S3-compatible bucket, enough for `ObjectStorage` over Bun's S3Client: path-style
 * `PUT` / `GET` / `HEAD` / `DELETE /<bucket>/<key>` and `GET /<bucket>?list-type=2&prefix=…` (ListObjectsV2, paged
 * by `max-keys` with continuation tokens). Every request must carry a valid AWS Signature V4 for the fake's
 * credentials (the signature is recomputed, not just looked at), else 403 `SignatureDoesNotMatch`.
 */
import { createHash, createHmac } from 'node:crypto';

export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** What the bucket holds, by key. */
  objects: Map<string, { bytes: Uint8Array<ArrayBuffer>; contentType: string | null }>;
  /** Every request seen: method, path, and whether its signature was valid. */
  requests: Array<{ method: string; path: string; signed: boolean }>;
  /** Keys per ListObjectsV2 page (small to exercise paging). */
  pageSize: number;
  stop(): Promise<void>;
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const error = (status: number, code: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });

/** Recomputes the request's SigV4 signature (header form) with the fake's secret. */
function verifySignature(req: Request, url: URL, body: Uint8Array, creds: { accessKeyId: string; secretAccessKey: string; region: string }): boolean {
  const auth = req.headers.get('authorization') ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return false;
  const [, keyId, date, region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  if (keyId !== creds.accessKeyId || region !== creds.region) return false;
  const amzDate = req.headers.get('x-amz-date') ?? '';
  const payloadHash = req.headers.get('x-amz-content-sha256') ?? '';
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return false;
  const query = url.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((p) => (p.includes('=') ? p : `${p}=`))
    .sort()
    .join('&');
  const names = signedHeaders.split(';');
  const headers = names.map((n) => `${n}:${(n === 'host' ? url.host : (req.headers.get(n) ?? '')).trim()}\n`).join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

export function startFakeS3(options: { bucket?: string; accessKeyId?: string; secretAccessKey?: string; region?: string } = {}): FakeS3 {
  const creds = { accessKeyId: options.accessKeyId ?? 'AKIAFAKE', secretAccessKey: options.secretAccessKey ?? 'fake-secret', region: options.region ?? 'us-east-1' };
  const bucket = options.bucket ?? 'startales-test';
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];
  const state = { pageSize: 1000 };
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body = new Uint8Array(await req.arrayBuffer());
      const signed = verifySignature(req, url, body, creds);
      requests.push({ method: req.method, path: url.pathname, signed });
      if (!signed) return error(403, 'SignatureDoesNotMatch');
      const [, b, ...rest] = url.pathname.split('/');
      if (b !== bucket) return error(404, 'NoSuchBucket');
      const key = decodeURIComponent(rest.join('/'));
      if (!key) {
        if (req.method !== 'GET' || url.searchParams.get('list-type') !== '2') return error(400, 'InvalidRequest');
        const prefix = url.searchParams.get('prefix') ?? '';
        const max = Math.min(Number(url.searchParams.get('max-keys') ?? 1000), state.pageSize);
        const after = url.searchParams.get('continuation-token') ?? '';
        const all = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
        const page = all.slice(0, max);
        const truncated = all.length > page.length;
        const contents = page.map((k) => `<Contents><Key>${xml(k)}</Key><Size>${objects.get(k)!.bytes.length}</Size></Contents>`).join('');
        return new Response(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${xml(page.at(-1)!)}</NextContinuationToken>` : ''}</ListBucketResult>`,
          { headers: { 'content-type': 'application/xml' } },
        );
      }
      const object = objects.get(key);
      switch (req.method) {
        case 'PUT':
          objects.set(key, { bytes: body, contentType: req.headers.get('content-type') });
          return new Response(null, { headers: { etag: `"${sha256(body).slice(0, 32)}"` } });
        case 'GET':
          if (!object) return error(404, 'NoSuchKey');
          return new Response(object.bytes, { headers: { 'content-type': object.contentType ?? 'application/octet-stream' } });
        case 'HEAD':
          return new Response(null, { status: object ? 200 : 404 });
        case 'DELETE':
          objects.delete(key);
          return new Response(null, { status: 204 });
        default:
          return error(405, 'MethodNotAllowed');
      }
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    bucket,
    ...creds,
    objects,
    requests,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n) {
      state.pageSize = n;
    },
    stop: () => server.stop(true),
  };
}
