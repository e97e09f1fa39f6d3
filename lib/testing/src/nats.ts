import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { TEST_NATS_URL } from './env.ts';

/** Deletes every stream of a test namespace (`<ns>_*`) from the shared NATS server. */
export async function deleteNamespaceStreams(ns: string, url = TEST_NATS_URL): Promise<void> {
  if (!ns) throw new Error('refusing to delete streams without a namespace');
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${ns}_`)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
