import { graphql } from '../gql/index.ts';

export const LlmSpendSeriesDocument = graphql(`
  query LlmSpendSeries($from: String!, $to: String!, $groupBy: [LlmCostDimension!], $filter: LlmCostFilter) {
    analytics {
      generatedAt
      llmCost(input: { from: $from, to: $to, groupBy: $groupBy, filter: $filter, orderBy: KEY_ASC, first: 500 }) {
        from to totalCount
        totals { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images }
        edges { node { day provider model tier purpose usage { costMicros calls } } }
      }
    }
  }
`);

export const LlmTopSpendersDocument = graphql(`
  query LlmTopSpenders($from: String!, $to: String!, $filter: LlmCostFilter) {
    analytics {
      campaigns: llmCost(input: { from: $from, to: $to, groupBy: [CAMPAIGN], filter: $filter, orderBy: COST_DESC, first: 10 }) {
        edges { node { campaignId campaign { id title } usage { costMicros calls } } }
      }
      users: llmCost(input: { from: $from, to: $to, groupBy: [USER], filter: $filter, orderBy: COST_DESC, first: 10 }) {
        edges { node { userId user { id handle } usage { costMicros calls } } }
      }
    }
  }
`);

export const LlmMarginsDocument = graphql(`
  query LlmMargins($filter: LlmCostFilter) {
    analytics {
      llmSpendForecast(filter: $filter) { month asOf daysElapsed daysInMonth actualMicros projectedRemainingMicros forecastMicros trendDays slopeMicrosPerDay method }
      campaignMargins(orderBy: LLM_COST_DESC, first: 12) {
        totalCount
        totals { revenueCents refundCents netRevenueCents llmCostMicros grossMarginBp }
        edges { node { campaignId campaign { id title } netRevenueCents llmCostMicros llmCalls grossMarginMicros grossMarginBp } }
      }
    }
  }
`);

export const LlmCostExportDocument = graphql(`
  query LlmCostExport($from: String!, $to: String!, $filter: LlmCostFilter, $after: String) {
    analytics {
      llmCost(input: { from: $from, to: $to, groupBy: [DAY, PROVIDER, MODEL, TIER, PURPOSE], filter: $filter, orderBy: KEY_ASC, first: 1000, after: $after }) {
        pageInfo { hasNextPage endCursor }
        edges { node { day provider model tier purpose usage { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images } } }
      }
    }
  }
`);
