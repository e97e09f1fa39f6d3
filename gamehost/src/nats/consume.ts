import type { Consumer, EventEnvelope, Stream } from '@startales/contracts';
import { observeMessage, parseEnvelope, type Bus, type ConsumeOutcome, type Logger } from '@startales/kit';

/**
 * A durable consumer shared by every host, without a database (kit's idempotent consumer keeps its dedupe rows in
 * PostgreSQL): each message is observed like kit's consumers (outcome, delivery lag, backlog, a CONSUMER span), one
 * that is not an envelope is terminated, `handle` says what became of an event (acknowledged), and one it throws on
 * is logged and redelivered a second later. `handle` must be idempotent: a message can come twice.
 */
export async function startHostConsumer(options: {
  bus: Bus;
  stream: Stream;
  durable: Consumer;
  filterSubject: string;
  maxMessages: number;
  logger: Logger;
  handle: (event: EventEnvelope) => Promise<Exclude<ConsumeOutcome, 'failed'>>;
}): Promise<{ stop(): Promise<void> }> {
  const { bus, durable, logger } = options;
  await bus.ensureConsumer(options.stream, durable, options.filterSubject);
  const consumer = await bus.js.consumers.get(bus.streamName(options.stream), durable);
  const messages = await consumer.consume({ max_messages: options.maxMessages });
  const loop = (async () => {
    for await (const msg of messages) {
      await observeMessage(durable, msg, async () => {
        let event: EventEnvelope;
        try {
          event = parseEnvelope(msg.data);
        } catch {
          msg.term();
          return 'malformed';
        }
        try {
          const outcome = await options.handle(event);
          msg.ack();
          return outcome;
        } catch (error) {
          logger.warn('event handling failed; will retry', { consumer: durable, id: event.id, type: event.type, error });
          msg.nak(1000);
          return 'failed';
        }
      });
    }
  })().catch((error) => logger.error('consumer ended', { consumer: durable, error }));
  return {
    async stop() {
      await messages.close().catch(() => {});
      await loop;
    },
  };
}
