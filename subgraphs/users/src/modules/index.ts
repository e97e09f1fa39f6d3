import type { UsersModule } from './types.ts';
import { apiKeysModule } from './apikeys/index.ts';
import { gdprModule } from './gdpr/index.ts';

/**
 * Feature modules of the users subgraph, in registration order. Each brings `modules/<name>/schema.graphql`
 * (composition reads the same files), entities and resolvers. Register a new module here.
 */
export const modules: UsersModule[] = [apiKeysModule, gdprModule];
