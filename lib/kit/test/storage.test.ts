/** One contract suite for every ObjectStorage: a local folder (for real) and S3 (Bun's client against a signing-checking fake). */
import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertObjectKey, createLocalObjectStorage, createObjectStorage, createS3ObjectStorage, ObjectKeyError, objectStorageConfig, readConfig, type ObjectStorage } from '../src/index.ts';
import { startFakeS3 } from './fakes/s3.ts';

const dir = await mkdtemp(join(tmpdir(), 'kit-storage-'));
const s3 = startFakeS3();
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await s3.stop();
});

const bytes = (...b: number[]) => new Uint8Array(b);

const implementations: Array<[string, () => ObjectStorage]> = [
  ['local', () => createLocalObjectStorage({ dir })],
  ['s3', () => createS3ObjectStorage({ bucket: s3.bucket, endpoint: s3.url, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey })],
];

describe.each(implementations)('%s object storage', (kind, make) => {
  const storage = make();
  const ns = `t${kind}`;

  test('put then get returns the same bytes; a missing key is null', async () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0, 255, 7);
    await storage.put(`${ns}/a/1.png`, png, { contentType: 'image/png' });
    expect(await storage.get(`${ns}/a/1.png`)).toEqual(png);
    expect(await storage.get(`${ns}/a/missing.png`)).toBeNull();
    expect(await storage.get(`${ns}/nowhere/at/all.png`)).toBeNull();
  });

  test('put replaces an object whole', async () => {
    await storage.put(`${ns}/b.bin`, bytes(1, 2, 3, 4, 5));
    await storage.put(`${ns}/b.bin`, bytes(9));
    expect(await storage.get(`${ns}/b.bin`)).toEqual(bytes(9));
  });

  test('list returns every key under a prefix, sorted, and nothing else', async () => {
    await storage.put(`${ns}/users/u1/x.png`, bytes(1));
    await storage.put(`${ns}/users/u1/y.png`, bytes(2));
    await storage.put(`${ns}/users/u1/deep/z.png`, bytes(3));
    await storage.put(`${ns}/users/u10/w.png`, bytes(4));
    expect(await storage.list(`${ns}/users/u1/`)).toEqual([`${ns}/users/u1/deep/z.png`, `${ns}/users/u1/x.png`, `${ns}/users/u1/y.png`]);
    expect(await storage.list(`${ns}/users/u1`)).toEqual([`${ns}/users/u1/deep/z.png`, `${ns}/users/u1/x.png`, `${ns}/users/u1/y.png`, `${ns}/users/u10/w.png`]);
    expect(await storage.list(`${ns}/nobody/`)).toEqual([]);
  });

  test('delete removes the object and is idempotent', async () => {
    await storage.put(`${ns}/c/gone.png`, bytes(1));
    await storage.delete(`${ns}/c/gone.png`);
    await storage.delete(`${ns}/c/gone.png`);
    expect(await storage.get(`${ns}/c/gone.png`)).toBeNull();
    expect(await storage.list(`${ns}/c/`)).toEqual([]);
  });

  test('keys that could escape the storage are refused before any I/O', async () => {
    for (const key of ['../etc/passwd', '/abs.png', 'a/../../b', 'a//b', '.hidden', 'a/./b', 'a\\b', 'a b', '', 'x'.repeat(513)]) {
      await expect(storage.put(key, bytes(1))).rejects.toBeInstanceOf(ObjectKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(ObjectKeyError);
    }
    await expect(storage.list('../')).rejects.toBeInstanceOf(ObjectKeyError);
  });
});

test('local: writes land under the folder only; deletes leave no empty folders behind', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kit-storage-local-'));
  try {
    const storage = createLocalObjectStorage({ dir: root });
    await storage.put('characters/u1/a.png', bytes(1, 2));
    expect(await Bun.file(join(root, 'characters/u1/a.png')).bytes()).toEqual(bytes(1, 2));
    // a file planted outside the key space is not listed, and the temporary folder never is
    await writeFile(join(root, '.stray'), 'x');
    expect(await storage.list('')).toEqual(['characters/u1/a.png']);
    await storage.delete('characters/u1/a.png');
    expect((await readdir(root)).filter((n) => !n.startsWith('.'))).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('s3: requests are signed (SigV4) and listing follows continuation tokens', async () => {
  const storage = implementations[1]![1]();
  s3.pageSize = 2;
  try {
    for (let i = 0; i < 5; i++) await storage.put(`paged/k${i}.png`, bytes(i), { contentType: 'image/png' });
    expect(await storage.list('paged/')).toEqual([0, 1, 2, 3, 4].map((i) => `paged/k${i}.png`));
  } finally {
    s3.pageSize = 1000;
  }
  expect(s3.objects.get('paged/k0.png')?.contentType).toBe('image/png');
  expect(s3.requests.length).toBeGreaterThan(5);
  expect(s3.requests.every((r) => r.signed)).toBe(true);
  // wrong credentials are refused by the server, and the error surfaces
  const wrong = createS3ObjectStorage({ bucket: s3.bucket, endpoint: s3.url, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: 'nope' });
  await expect(wrong.put('paged/x.png', bytes(1))).rejects.toThrow();
  expect(s3.objects.has('paged/x.png')).toBe(false);
});

test('config: local by default, S3 when S3_BUCKET is set; keys validated', () => {
  expect(createObjectStorage(readConfig(objectStorageConfig, {})).kind).toBe('local');
  expect(readConfig(objectStorageConfig, {}).OBJECT_STORAGE_DIR).toBe('.data/objects');
  const cfg = readConfig(objectStorageConfig, { S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
  expect(createObjectStorage(cfg).kind).toBe('s3');
  expect(() => readConfig(objectStorageConfig, { S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
  expect(assertObjectKey('characters/u1/a-b_c.png')).toBe('characters/u1/a-b_c.png');
});
