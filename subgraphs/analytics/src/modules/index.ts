import { productModule } from './product/index.ts';
import { llmCostModule } from './llm-cost/index.ts';
import { businessModule } from './business/index.ts';

/**
 * Query modules of the analytics subgraph: each brings `modules/<name>/schema.graphql` (extending `AnalyticsQuery`;
 * composition reads the same files) and its resolvers. Register a new module here.
 */
export const modules: ReadonlyArray<{ name: string; typeDefs: string; resolvers: Record<string, unknown> }> = [productModule, llmCostModule, businessModule];
