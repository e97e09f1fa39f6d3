import { mkdir, readFile, readdir, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { S3Client } from 'bun';
import { ErrorCode } from '@startales/contracts';
import { AppError } from './errors.ts';
import { env, type Reader } from './config.ts';

/**
 * Where a service keeps blobs (generated images, uploads): keys are `/`-separated paths such as
 * `characters/<userId>/<id>.png`. Implementations: a local directory (the default) and any S3-compatible bucket.
 * A missing object is not an error: `get` answers null, `delete` does nothing.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Writes (or replaces) the object; it is readable in full or not at all. */
  put(key: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes the object (idempotent). */
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** A key or prefix that could leave its storage (`..`, absolute paths, odd characters): a programming error, typed. */
export class ObjectKeyError extends AppError {
  override readonly name = 'ObjectKeyError';
  constructor(key: string) {
    super(ErrorCode.BAD_USER_INPUT, `invalid object key ${JSON.stringify(key.slice(0, 80))}`, 400);
  }
}

/** Segments of letters, digits, `.`, `_`, `-`, each starting with a letter or digit (so never `.`, `..` or hidden). */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const MAX_KEY = 512;

/** Throws ObjectKeyError unless `key` is a safe object key. */
export function assertObjectKey(key: string): string {
  if (typeof key !== 'string' || key.length > MAX_KEY || !KEY.test(key)) throw new ObjectKeyError(String(key));
  return key;
}

/** A list prefix: empty, or a key, or a key followed by `/`. */
function assertPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  assertObjectKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}

const isMissing = (error: unknown) => (error as { code?: string })?.code === 'ENOENT';

/**
 * Objects as files under `dir` (created on first write). Writes go to `dir/.tmp` and are renamed into place, so a
 * reader never sees half an object; keys cannot start with `.`, so the temporary folder is never listed.
 * The content type is not kept: callers that serve objects record it themselves.
 */
export function createLocalObjectStorage(options: { dir: string }): ObjectStorage {
  const root = resolve(options.dir);
  const pathOf = (key: string) => {
    const path = resolve(root, assertObjectKey(key));
    // belt and braces: the key pattern already rules this out
    if (!path.startsWith(root + sep)) throw new ObjectKeyError(key);
    return path;
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key);
      const tmp = join(root, '.tmp', `${crypto.randomUUID()}`);
      await mkdir(dirname(tmp), { recursive: true });
      await writeFile(tmp, bytes);
      try {
        // a concurrent delete may remove the (empty) folder between mkdir and rename: make it again once
        for (let attempt = 0; ; attempt++) {
          await mkdir(dirname(path), { recursive: true });
          try {
            await rename(tmp, path);
            break;
          } catch (error) {
            if (!isMissing(error) || attempt > 0) throw error;
          }
        }
      } catch (error) {
        await unlink(tmp).catch(() => {});
        throw error;
      }
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error) || (error as { code?: string }).code === 'EISDIR') return null;
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      try {
        await unlink(path);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      // drop folders the delete left empty (one per user otherwise piles up); a non-empty one stops the walk
      for (let dir = dirname(path); dir.startsWith(root + sep); dir = dirname(dir)) {
        if (!(await rmdir(dir).then(() => true, () => false))) break;
      }
    },
    async list(prefix) {
      assertPrefix(prefix);
      // walk only the deepest folder the prefix names
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const base = join(root, folder);
      let entries: Array<{ name: string; parentPath: string; isFile(): boolean }>;
      try {
        entries = await readdir(base, { recursive: true, withFileTypes: true });
      } catch (error) {
        if (isMissing(error) || (error as { code?: string }).code === 'ENOTDIR') return [];
        throw error;
      }
      const keys: string[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const key = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
        if (key.startsWith(prefix) && KEY.test(key)) keys.push(key);
      }
      return keys.sort();
    },
  };
}

/** Where an S3-compatible bucket is and how to sign for it (the names of Bun's `S3Options`). */
export interface S3StorageOptions {
  bucket: string;
  /** e.g. https://s3.eu-central-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000 (MinIO). */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** `https://<bucket>.<host>` instead of `https://<host>/<bucket>` (default false: path style, what MinIO wants). */
  virtualHostedStyle?: boolean;
}

/** Objects in an S3-compatible bucket through Bun's built-in client (SigV4, path-style by default). */
export function createS3ObjectStorage(options: S3StorageOptions): ObjectStorage {
  const client = new S3Client({
    bucket: options.bucket,
    endpoint: options.endpoint,
    region: options.region,
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    sessionToken: options.sessionToken,
    virtualHostedStyle: options.virtualHostedStyle ?? false,
  });
  return {
    kind: 's3',
    async put(key, bytes, putOptions = {}) {
      await client.write(assertObjectKey(key), bytes, putOptions.contentType ? { type: putOptions.contentType } : {});
    },
    async get(key) {
      try {
        return new Uint8Array(await client.file(assertObjectKey(key)).arrayBuffer());
      } catch (error) {
        if ((error as { code?: string }).code === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(key) {
      await client.delete(assertObjectKey(key));
    },
    async list(prefix) {
      assertPrefix(prefix);
      const keys: string[] = [];
      let continuationToken: string | undefined;
      for (let page = 0; page < 10_000; page++) {
        const res = await client.list({ prefix, maxKeys: 1000, ...(continuationToken ? { continuationToken } : {}) });
        for (const o of res.contents ?? []) keys.push(o.key);
        if (!res.isTruncated || !res.nextContinuationToken) break;
        continuationToken = res.nextContinuationToken;
      }
      return keys.sort();
    },
  };
}

const optionalUrl: Reader<string | undefined> = {
  read(raw) {
    if (!raw) return undefined;
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new Error(`must be an http(s) URL, got "${raw}"`);
    return raw;
  },
};

/** Configuration keys of object storage (spread into a service's `readConfig` spec). */
export const objectStorageConfig = {
  /** Local storage: the folder objects are kept in (relative to the working directory). Used unless S3_BUCKET is set. */
  OBJECT_STORAGE_DIR: env.string('.data/objects'),
  /** S3-compatible storage: set to use it (then the keys below apply). */
  S3_BUCKET: env.optionalString(),
  /** Unset: AWS, from the region. */
  S3_ENDPOINT: optionalUrl,
  S3_REGION: env.optionalString(),
  /** Supports S3_ACCESS_KEY_ID_FILE / S3_SECRET_ACCESS_KEY_FILE. Unset: Bun's own defaults (AWS_* variables). */
  S3_ACCESS_KEY_ID: env.optionalString(),
  S3_SECRET_ACCESS_KEY: env.optionalString(),
  S3_SESSION_TOKEN: env.optionalString(),
  S3_VIRTUAL_HOSTED_STYLE: env.bool(false),
};

/** S3 when `S3_BUCKET` is set, otherwise the local folder `OBJECT_STORAGE_DIR`. */
export function createObjectStorage(config: {
  OBJECT_STORAGE_DIR: string;
  S3_BUCKET?: string;
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_SESSION_TOKEN?: string;
  S3_VIRTUAL_HOSTED_STYLE?: boolean;
}): ObjectStorage {
  if (!config.S3_BUCKET) return createLocalObjectStorage({ dir: config.OBJECT_STORAGE_DIR });
  return createS3ObjectStorage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    sessionToken: config.S3_SESSION_TOKEN,
    virtualHostedStyle: config.S3_VIRTUAL_HOSTED_STYLE,
  });
}
