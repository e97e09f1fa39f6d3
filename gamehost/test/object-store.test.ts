import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjectStore, type ObjectStore } from '../src/storage/object-store.ts';
import { createSnapshotStore } from '../src/storage/snapshots.ts';
import { initialState } from '../src/game/state.ts';
import { startFakeS3, type FakeS3 } from './fakes/s3.ts';

/** One contract, every implementation (local directory, S3-compatible through Bun's client). */
function objectStoreContract(name: string, make: () => ObjectStore) {
  describe(`object store: ${name}`, () => {
    test('put/get/overwrite/delete; a missing key is null', async () => {
      const store = make();
      expect(await store.get('campaigns/x/none.bin')).toBeNull();
      await store.put('campaigns/x/a.bin', new Uint8Array([1, 2, 3]));
      expect([...(await store.get('campaigns/x/a.bin'))!]).toEqual([1, 2, 3]);
      await store.put('campaigns/x/a.bin', new Uint8Array([9]));
      expect([...(await store.get('campaigns/x/a.bin'))!]).toEqual([9]);
      await store.delete('campaigns/x/a.bin');
      expect(await store.get('campaigns/x/a.bin')).toBeNull();
    });

    test('snapshots round-trip; keys cannot escape the store', async () => {
      const snapshots = createSnapshotStore(make());
      const snapshot = { v: 1 as const, campaignId: 'c-1', lastSeq: 42, state: { ...initialState('c-1'), lastSeq: 42 }, log: [[42, '{"type":"event"}']] as Array<[number, string]> };
      await snapshots.save(snapshot);
      expect(await snapshots.load('c-1')).toEqual(snapshot);
      expect(await snapshots.load('c-2')).toBeNull();
      expect(make().put('../escape', new Uint8Array([1]))).rejects.toThrow();
    });
  });
}

let dir: string;
let s3: FakeS3;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gh-store-'));
  s3 = startFakeS3(['snapshots']);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s3.stop();
});

objectStoreContract('file://', () => createObjectStore(`file://${dir}`));
objectStoreContract('s3://', () => createObjectStore('s3://snapshots/gamehost/test', { endpoint: s3.endpoint, accessKeyId: 'k', secretAccessKey: 's', region: 'us-east-1' }));
