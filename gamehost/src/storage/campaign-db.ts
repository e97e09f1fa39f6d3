import { Database, type Statement } from 'bun:sqlite';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { reduce } from '../game/reducer.ts';
import { rejectionOf } from '../game/sanctions.ts';
import { initialState, type CampaignState, type GameRecord } from '../game/state.ts';
import { eventMessage } from '../live/messages.ts';

/** A campaign's state at a stream sequence, plus the tail of its event log (what a new owner restores). */
export interface Snapshot {
  v: 1;
  campaignId: string;
  lastSeq: number;
  state: CampaignState;
  /** The last log rows: `[seq, EVENT message]`, so players resume without a full SYNC after a takeover. */
  log: Array<[number, string]>;
}

export interface AppliedUpdate {
  seq: number;
  /** The EVENT message sent to players (also the log row). */
  message: string;
  /** For the acting player alone (not logged): their action was refused for a mute or a kick (ACTION_REJECTED). */
  direct?: { userId: string; message: string };
}

/**
 * One campaign's SQLite file (WAL): `meta` holds the state and `last_seq`, `log` the EVENT message of every applied
 * event (players resume from it). A batch of records commits state, `last_seq` and log rows in one transaction; a
 * record at or below `last_seq` (a redelivery) is skipped, so nothing is ever applied twice — even across a crash,
 * since the skip check and the state it protects live in the same file and the same transaction.
 */
export interface CampaignDb {
  readonly campaignId: string;
  readonly state: CampaignState;
  readonly lastSeq: number;
  /** The log holds every applied event after this sequence: a client whose `lastSeq` is below it gets a SYNC. */
  logFloor(): number;
  apply(records: readonly GameRecord[]): AppliedUpdate[];
  /** EVENT messages after `seq`, in order. */
  since(seq: number): string[];
  exportSnapshot(logTail?: number): Snapshot;
  /** Replaces everything with the snapshot (a host that recovers the campaign elsewhere). */
  restore(snapshot: Snapshot): void;
  /** Drops log rows beyond the newest `keep`. */
  pruneLog(keep: number): void;
  close(): void;
}

export function openCampaignDb(path: string, campaignId: string): CampaignDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { create: true, strict: true });
  // WAL + NORMAL: a commit survives a process crash (kill -9); a power loss may lose the last commits, which only
  // means replaying them from the stream (the durable consumer restarts at last_seq + 1).
  db.run('PRAGMA journal_mode = WAL');
  db.run('PRAGMA synchronous = NORMAL');
  db.run('PRAGMA busy_timeout = 5000');
  db.run('CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), campaign_id TEXT NOT NULL, last_seq INTEGER NOT NULL, log_floor INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL)');
  db.run('CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, message TEXT NOT NULL)');

  const row = db.query<{ campaign_id: string; last_seq: number; state: string }, []>('SELECT campaign_id, last_seq, state FROM meta WHERE id = 1').get();
  if (row && row.campaign_id !== campaignId) throw new Error(`${path} holds campaign ${row.campaign_id}, not ${campaignId}`);
  let state: CampaignState = row ? (JSON.parse(row.state) as CampaignState) : initialState(campaignId);
  let lastSeq = row?.last_seq ?? 0;

  const saveMeta: Statement = db.query('INSERT INTO meta (id, campaign_id, last_seq, state) VALUES (1, $id, $seq, $state) ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, state = excluded.state');
  const insertLog: Statement = db.query('INSERT OR REPLACE INTO log (seq, message) VALUES ($seq, $message)');
  const selectSince = db.query<{ message: string }, { seq: number }>('SELECT message FROM log WHERE seq > $seq ORDER BY seq');
  const selectFloor = db.query<{ log_floor: number }, []>('SELECT log_floor FROM meta WHERE id = 1');
  const setFloor = db.query('UPDATE meta SET log_floor = $floor WHERE id = 1');

  const applyTx = db.transaction((records: readonly GameRecord[]) => {
    const updates: AppliedUpdate[] = [];
    let s = state;
    let last = lastSeq;
    for (const r of records) {
      if (r.seq <= last) continue;
      const next = reduce(s, r);
      const message = eventMessage(s, next, r);
      insertLog.run({ seq: r.seq, message });
      const direct = rejectionOf(s, r);
      updates.push(direct ? { seq: r.seq, message, direct } : { seq: r.seq, message });
      s = next;
      last = r.seq;
    }
    if (updates.length) saveMeta.run({ id: campaignId, seq: last, state: JSON.stringify(s) });
    return { updates, s, last };
  });

  return {
    campaignId,
    get state() {
      return state;
    },
    get lastSeq() {
      return lastSeq;
    },
    logFloor: () => selectFloor.get()?.log_floor ?? 0,
    apply(records) {
      const { updates, s, last } = applyTx(records);
      // memory follows the file only once the transaction committed
      state = s;
      lastSeq = last;
      return updates;
    },
    since: (seq) => selectSince.all({ seq }).map((r) => r.message),
    exportSnapshot(logTail = 256) {
      const log = db
        .query<{ seq: number; message: string }, { n: number }>('SELECT seq, message FROM log ORDER BY seq DESC LIMIT $n')
        .all({ n: logTail })
        .reverse()
        .map((r): [number, string] => [r.seq, r.message]);
      return { v: 1, campaignId, lastSeq, state, log };
    },
    restore(snapshot) {
      if (snapshot.campaignId !== campaignId) throw new Error(`snapshot of ${snapshot.campaignId} restored into ${campaignId}`);
      db.transaction(() => {
        db.run('DELETE FROM log');
        for (const [seq, message] of snapshot.log) insertLog.run({ seq, message });
        saveMeta.run({ id: campaignId, seq: snapshot.lastSeq, state: JSON.stringify(snapshot.state) });
        setFloor.run({ floor: snapshot.log.length ? snapshot.log[0]![0] - 1 : snapshot.lastSeq });
      })();
      state = snapshot.state;
      lastSeq = snapshot.lastSeq;
    },
    pruneLog(keep) {
      const cut = db.query<{ seq: number }, { keep: number }>('SELECT seq FROM log ORDER BY seq DESC LIMIT 1 OFFSET $keep').get({ keep });
      if (!cut) return;
      db.transaction(() => {
        db.query('DELETE FROM log WHERE seq <= $seq').run({ seq: cut.seq });
        setFloor.run({ floor: Math.max(selectFloor.get()?.log_floor ?? 0, cut.seq) });
      })();
    },
    close() {
      // closing checkpoints the WAL; without its fsync a host with thousands of campaigns stops in seconds. The file
      // is a cache of the stream (and the final snapshot is already uploaded): a file a power cut damaged is
      // discarded on the next open (see openOrResetCampaignDb)
      db.run('PRAGMA synchronous = OFF');
      db.close(false);
    },
  };
}

/**
 * Opens the campaign's file; one that cannot be read (damaged, or holding another campaign) is deleted and started
 * afresh — the snapshot and the stream rebuild it.
 */
export function openOrResetCampaignDb(path: string, campaignId: string, onReset: (error: unknown) => void): CampaignDb {
  try {
    const db = openCampaignDb(path, campaignId);
    db.logFloor();
    return db;
  } catch (error) {
    onReset(error);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return openCampaignDb(path, campaignId);
  }
}
