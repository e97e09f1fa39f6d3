import { Consumer, GameEvent, Stream, type ActionSubmittedData, type CampaignOpenedData, type EventEnvelope, type NarrationRecordedData } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type EntityManager, type Logger, type Orm } from '@startales/kit';
import { ContentItem, type ContentKind } from '../../entities/content-item.entity.ts';
import { ModerationRule } from '../../entities/rule.entity.ts';
import { isUuid } from '../common/input.ts';
import { actOnFindings } from './detect.ts';
import { matchRules } from './matcher.ts';

export interface GameConsumerOptions {
  bus: Bus;
  orm: Orm;
  logger: Logger;
  clock: () => Date;
  /** False when no classifier is configured: items are not queued for it. */
  classify: boolean;
  afterCommit: () => void;
}

/**
 * Records what moderation needs from one GAME event (in the consumer's transaction): player messages and AI
 * output become content items, checked against the rules at once and queued for the classifier; a campaign's
 * owner and last sequence are kept for reports.
 */
export async function applyGameEvent(tx: EntityManager, event: EventEnvelope, seq: number, options: Pick<GameConsumerOptions, 'clock' | 'classify'>): Promise<void> {
  const data = event.data as { campaignId?: unknown };
  if (!isUuid(data?.campaignId)) return;
  const campaignId = data.campaignId.toLowerCase();
  const ownerId = event.type === GameEvent.CAMPAIGN_OPENED ? (event.data as CampaignOpenedData).ownerId : undefined;
  await tx.execute(
    `insert into "moderation"."campaign_ref" (campaign_id, owner_id, last_seq) values (?, ?, ?)
     on conflict (campaign_id) do update set last_seq = greatest(campaign_ref.last_seq, excluded.last_seq), owner_id = coalesce(excluded.owner_id, campaign_ref.owner_id)`,
    [campaignId, isUuid(ownerId) ? ownerId : null, seq],
  );
  let kind: ContentKind;
  let authorId: string | null = null;
  let text: string;
  if (event.type === GameEvent.ACTION_SUBMITTED) {
    const d = event.data as ActionSubmittedData;
    if (!isUuid(d.userId) || typeof d.text !== 'string') return;
    kind = 'PLAYER_MESSAGE';
    authorId = d.userId.toLowerCase();
    text = d.text;
  } else if (event.type === GameEvent.NARRATION_RECORDED) {
    const d = event.data as NarrationRecordedData;
    if (typeof d.text !== 'string') return;
    kind = 'AI_OUTPUT';
    text = d.text;
  } else {
    return;
  }
  const now = options.clock();
  const item = tx.create(ContentItem, {
    id: event.id,
    campaignId,
    seq,
    kind,
    authorId,
    text,
    occurredAt: new Date(event.occurredAt),
    hiddenAt: null,
    hiddenBy: null,
    checkStatus: options.classify ? 'PENDING' : 'SKIPPED',
    checkAttempts: 0,
    nextCheckAt: options.classify ? now : null,
    scores: null,
    checkedAt: null,
  });
  const rules = await tx.find(ModerationRule, { enabled: true });
  const hits = matchRules(rules, kind, text);
  // content a rule hid is still classified: its categories may put the case in a higher tier (a spam message that
  // also threatens someone)
  await actOnFindings(tx, item, hits.map((h) => ({ source: 'RULE', category: h.category, score: null, ruleId: h.ruleId, hide: h.hide })), now);
}

/** Durable consumer of the GAME stream (`game.>`: lifecycle for owners, commands and outcomes for content). */
export function startGameConsumer(options: GameConsumerOptions) {
  const { clock, classify, afterCommit, ...rest } = options;
  return startIdempotentConsumer({
    ...rest,
    stream: Stream.GAME,
    durable: Consumer.MODERATION_GAME,
    filterSubject: 'game.>',
    afterCommit,
    handle: (tx, event, msg) => applyGameEvent(tx, event, msg.seq, { clock, classify }),
  });
}
