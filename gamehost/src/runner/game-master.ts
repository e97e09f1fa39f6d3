import OpenAI from 'openai';
import { LlmPurpose, LlmTier } from '@startales/contracts';
import type { ChatMessage } from '../game/prompt.ts';

/** Who a narration call is billed to when CAMPAIGN_OPENED named no owner. */
export const SYSTEM_LLM_USER = 'system:gamehost';

export interface NarrationRequest {
  campaignId: string;
  /** The campaign's tier (`PREMIUM` / `STANDARD` / `ECONOMY`): llm-router resolves it to a model. */
  tier: string;
  userId: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** Each piece of text as it streams in. */
  onDelta(text: string): void;
}

export interface Narration {
  text: string;
  /** The model llm-router chose (e.g. `openai/gpt-4o`). */
  model: string;
  costMicros: number;
}

/** The AI game master: one streaming chat completion through llm-router per turn. */
export interface GameMaster {
  narrate(request: NarrationRequest): Promise<Narration>;
}

export interface GameMasterOptions {
  /** llm-router's base URL (its OpenAI-compatible API is under `/v1`). */
  routerUrl: string;
  serviceToken: string;
  timeoutMs: number;
  maxTokens: number;
}

const tierOf = (t: string) => ((Object.values(LlmTier) as string[]).includes(t) ? t : LlmTier.STANDARD);

/** Calls llm-router with the official OpenAI SDK (SSE streaming), attributed to the campaign and its owner. */
export function createGameMaster(options: GameMasterOptions): GameMaster {
  const client = new OpenAI({
    baseURL: `${options.routerUrl.replace(/\/+$/, '')}/v1`,
    apiKey: options.serviceToken || 'unset',
    timeout: options.timeoutMs,
    maxRetries: 1,
  });
  return {
    async narrate(request) {
      const { data: stream, response } = await client.chat.completions
        .create(
          {
            model: tierOf(request.tier),
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            max_tokens: options.maxTokens,
          },
          {
            signal: request.signal,
            headers: {
              'x-startales-user': request.userId,
              'x-startales-campaign': request.campaignId,
              'x-startales-purpose': LlmPurpose.NARRATION,
            },
          },
        )
        .withResponse();
      let text = '';
      let model = '';
      let costMicros: number | undefined;
      for await (const chunk of stream) {
        model ||= chunk.model;
        const piece = chunk.choices[0]?.delta?.content;
        if (piece) {
          text += piece;
          request.onDelta(piece);
        }
        const usage = chunk.usage as { cost_micros?: unknown } | null | undefined;
        if (usage && Number.isSafeInteger(usage.cost_micros)) costMicros = usage.cost_micros as number;
      }
      costMicros ??= Number(response.headers.get('x-startales-cost-micros')) || 0;
      if (!text.trim()) throw new Error('the game master returned no narration');
      return { text, model: model || tierOf(request.tier), costMicros };
    },
  };
}
