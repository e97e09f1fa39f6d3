import type { UsersModule } from './types.ts';
import { profileModule } from './profile/index.ts';
import { friendsModule } from './friends/index.ts';
import { blocksModule } from './blocks/index.ts';
import { partiesModule } from './parties/index.ts';
import { apiKeysModule } from './apikeys/index.ts';
import { gdprModule } from './gdpr/index.ts';
import { oauthModule } from './oauth/index.ts';
import { accountModule } from './account/index.ts';
import { mfaModule } from './mfa/index.ts';
import { sanctionsModule } from './sanctions/index.ts';
import { documentsModule } from './documents/index.ts';
import { charactersModule } from './characters/index.ts';

/**
 * Feature modules of the users subgraph, in registration order. Each brings `modules/<name>/schema.graphql`
 * (composition reads the same files), entities and resolvers. Register a new module here.
 */
export const modules: UsersModule[] = [apiKeysModule, gdprModule, oauthModule, profileModule, friendsModule, blocksModule, partiesModule, accountModule, sanctionsModule, mfaModule, documentsModule, charactersModule];
