import { mkdir, rename, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Where snapshots go: a flat key → bytes store (a local directory, or S3-compatible object storage). */
export interface ObjectStore {
  /** `file:///…` or `s3://bucket/prefix`, for logs. */
  readonly location: string;
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** S3 settings (the usual `S3_*` / `AWS_*` variables, read in config.ts). */
export interface S3Settings {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
  /** For S3-compatible services (MinIO, R2, …); path-style unless `virtualHostedStyle`. */
  endpoint?: string;
  virtualHostedStyle?: boolean;
}

const validKey = (key: string) => {
  if (!/^[\w.=-]+(\/[\w.=-]+)*$/.test(key) || key.split('/').some((p) => p === '..' || p === '.')) throw new Error(`bad object key "${key}"`);
  return key;
};

/** A directory: each key a file; writes go to a temporary file renamed into place, so a reader never sees half. */
export function createFileStore(dir: string): ObjectStore {
  const root = resolve(dir);
  return {
    location: `file://${root}`,
    async put(key, body) {
      const path = join(root, validKey(key));
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(root, validKey(key))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(join(root, validKey(key)), { force: true });
    },
  };
}

/** S3-compatible object storage through Bun's built-in client. */
export function createS3Store(bucket: string, prefix: string, settings: S3Settings): ObjectStore {
  const client = new Bun.S3Client({ bucket, ...settings });
  const full = (key: string) => (prefix ? `${prefix.replace(/\/+$/, '')}/${validKey(key)}` : validKey(key));
  return {
    location: `s3://${bucket}/${prefix}`,
    async put(key, body) {
      await client.write(full(key), body);
    },
    async get(key) {
      const file = client.file(full(key));
      try {
        return new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        if ((error as { code?: string }).code === 'NoSuchKey' || /NoSuchKey|not found|404/i.test(String(error))) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.delete(full(key));
    },
  };
}

/** `file://<dir>` (or a bare path) → a directory store; `s3://bucket/prefix` → S3. */
export function createObjectStore(url: string, s3: S3Settings = {}): ObjectStore {
  if (url.startsWith('s3://')) {
    const rest = url.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (!bucket) throw new Error(`SNAPSHOT_STORE ${url}: missing bucket`);
    return createS3Store(bucket, slash < 0 ? '' : rest.slice(slash + 1), s3);
  }
  if (url.startsWith('file://')) return createFileStore(decodeURIComponent(new URL(url).pathname));
  return createFileStore(url);
}
