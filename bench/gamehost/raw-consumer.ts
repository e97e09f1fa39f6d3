/**
 * The baseline's consumer, in its own process like a gamehost: a durable JetStream pull consumer that acks each
 * message and nothing else, written with the same client (kit's bus = @nats-io/jetstream). It prints `ready`, then
 * `{"start": <epoch ms before consuming>, "done": <epoch ms of the last ack>}` after COUNT messages on SUBJECT.
 */
import { connectBus } from '@startales/kit';
import { Stream } from '@startales/contracts';

const count = Number(Bun.env.COUNT);
const subject = Bun.env.SUBJECT ?? 'game.rawbench.commands';
const durable = subject.replaceAll('.', '-');
const bus = await connectBus({ url: Bun.env.NATS_URL!, ns: Bun.env.NATS_NAMESPACE!, name: 'raw-bench' });
await bus.ensureStreams([Stream.GAME]);
await bus.ensureConsumer(Stream.GAME, durable, subject);
const consumer = await bus.js.consumers.get(bus.streamName(Stream.GAME), durable);
const start = Date.now();
const messages = await consumer.consume({ max_messages: 1000 });
console.log('ready');
let n = 0;
for await (const m of messages) {
  m.ack();
  if (++n === count) break;
}
console.log(JSON.stringify({ start, done: Date.now() }));
await messages.close();
await bus.close();
