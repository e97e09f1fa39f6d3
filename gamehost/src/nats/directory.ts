import { Kvm, type KV } from '@nats-io/kv';
import { Consumer, GameEvent, Stream } from '@startales/contracts';
import type { Bus, Logger } from '@startales/kit';
import { startHostConsumer } from './consume.ts';

export type CampaignStatus = 'active' | 'completed' | 'cancelled';

/** Campaign ids are used in subjects, consumer names, KV keys and file names: only this shape is hosted. */
export const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The campaigns hosts know of. A durable consumer shared by every host (each lifecycle message goes to one of
 * them) turns CAMPAIGN_OPENED / CAMPAIGN_CANCELLED on `game.*.lifecycle` into a KV registry entry; every host
 * watches the registry, so all of them see every campaign and compete for its lease. The owner marks a campaign
 * completed when it ends.
 */
export interface CampaignDirectory {
  status(campaignId: string): CampaignStatus | undefined;
  active(): string[];
  markEnded(campaignId: string, status: Exclude<CampaignStatus, 'active'>): Promise<void>;
  /** Called whenever the registry changes (a new campaign to claim). */
  onChange(listener: () => void): void;
  stop(): Promise<void>;
}

export async function startDirectory(options: { bus: Bus; bucket: string; logger: Logger }): Promise<CampaignDirectory> {
  const { bus, logger } = options;
  const kv: KV = await new Kvm(bus.js).create(options.bucket, { history: 1 });
  const known = new Map<string, CampaignStatus>();
  const listeners: Array<() => void> = [];

  const watch = await kv.watch({ key: '>' });
  let initial = true;
  const loaded = new Promise<void>((resolve) => {
    void (async () => {
      for await (const e of watch) {
        if (e.operation === 'PUT') known.set(e.key, (e.json<{ status: CampaignStatus }>()).status);
        else known.delete(e.key);
        if (initial && e.delta === 0) (initial = false), resolve();
        if (!initial) for (const l of listeners) l();
      }
    })().catch((error) => logger.warn('registry watch ended', { error }));
    // an empty bucket yields nothing to mark the end of the initial values
    void kv.status().then((s) => s.values === 0 && ((initial = false), resolve()));
  });

  const consumer = await startHostConsumer({
    bus,
    stream: Stream.GAME,
    durable: Consumer.GAMEHOST_DIRECTORY,
    filterSubject: 'game.*.lifecycle',
    maxMessages: 64,
    logger,
    async handle(event) {
      const campaignId = (event.data as { campaignId?: unknown } | null)?.campaignId;
      if (typeof campaignId !== 'string' || !CAMPAIGN_ID.test(campaignId)) return 'malformed';
      if (event.type === GameEvent.CAMPAIGN_OPENED) {
        // create, not put: a redelivered OPENED never revives a campaign that already completed or was cancelled
        await kv.create(campaignId, JSON.stringify({ status: 'active' })).catch((e) => {
          if (!/wrong last sequence|key exists/i.test(String(e))) throw e;
        });
      } else if (event.type === GameEvent.CAMPAIGN_CANCELLED) {
        await kv.put(campaignId, JSON.stringify({ status: 'cancelled' }));
      }
      return 'applied';
    },
  });

  await Promise.race([loaded, Bun.sleep(5000)]);
  return {
    status: (id) => known.get(id),
    active: () => [...known].filter(([, s]) => s === 'active').map(([id]) => id),
    async markEnded(campaignId, status) {
      await kv.put(campaignId, JSON.stringify({ status }));
    },
    onChange: (l) => void listeners.push(l),
    async stop() {
      watch.stop();
      await consumer.stop();
    },
  };
}
