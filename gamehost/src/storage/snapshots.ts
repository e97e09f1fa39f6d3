import type { ObjectStore } from './object-store.ts';
import type { Snapshot } from './campaign-db.ts';

const key = (campaignId: string) => `campaigns/${campaignId}/snapshot.json.gz`;

/** Snapshots of campaigns in an object store (gzip'd JSON, one object per campaign, overwritten each time). */
export interface SnapshotStore {
  save(snapshot: Snapshot): Promise<void>;
  load(campaignId: string): Promise<Snapshot | null>;
}

export function createSnapshotStore(store: ObjectStore): SnapshotStore {
  return {
    async save(snapshot) {
      await store.put(key(snapshot.campaignId), Bun.gzipSync(JSON.stringify(snapshot)));
    },
    async load(campaignId) {
      const bytes = await store.get(key(campaignId));
      if (!bytes) return null;
      const snapshot = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(bytes as Uint8Array<ArrayBuffer>))) as Snapshot;
      if (snapshot.v !== 1 || snapshot.campaignId !== campaignId) throw new Error(`snapshot of ${campaignId} is unreadable`);
      return snapshot;
    },
  };
}
