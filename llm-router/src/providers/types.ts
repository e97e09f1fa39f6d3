import type { LlmProvider, TokenUsage } from '@startales/contracts';
import type { ModelInfo } from '../pricing/price-table.ts';
import { emptyUsage } from '../pricing/cost.ts';
import type {
  AnthropicEvent,
  AnthropicMessage,
  AnthropicParams,
  ChatChunk,
  ChatCompletion,
  ChatParams,
  ImageParams,
  ImagesResponse,
} from './wire.ts';

/** One attempt against a provider. */
export interface UpstreamCall {
  /** Aborted when the client goes away or the attempt times out. */
  signal: AbortSignal;
  /** The output cap the call was reserved for (always sent to providers that require one). */
  maxOutputTokens: number;
}

/**
 * Usage of a stream as it goes: the provider's cumulative report when it sends one, and the output pieces relayed,
 * which stand in for output tokens only when a stream ends (client abort, upstream failure) before the report.
 */
export class StreamMeter {
  usage: TokenUsage = emptyUsage();
  /** The provider reported its final usage. */
  complete = false;
  /** The provider reported input tokens (Anthropic's message_start, every Gemini chunk). */
  inputReported = false;
  /** Content/tool/reasoning pieces relayed; providers stream about one token per piece. */
  pieces = 0;

  report(usage: TokenUsage, complete: boolean): void {
    this.usage = usage;
    this.inputReported = true;
    if (complete) this.complete = true;
  }

  /**
   * The usage to bill. Unreported input falls back to the prompt estimate; unreported output to the pieces
   * relayed. `estimated` says whether any of it is not the provider's own count.
   */
  result(promptEstimate: number): { usage: TokenUsage; estimated: boolean } {
    if (this.complete) return { usage: this.usage, estimated: false };
    const usage = { ...this.usage };
    if (!this.inputReported) usage.inputTokens = promptEstimate;
    const reportedOut = usage.outputTokens + usage.reasoningTokens;
    if (this.pieces > reportedOut) usage.outputTokens += this.pieces - reportedOut;
    return { usage, estimated: true };
  }
}

export interface ChatResult {
  completion: ChatCompletion;
  usage: TokenUsage;
}

/** A started stream (the provider accepted the call): chunks in OpenAI's shape. */
export interface ChatStream extends AsyncIterable<ChatChunk> {
  readonly meter: StreamMeter;
}

export interface MessagesResult {
  message: AnthropicMessage;
  usage: TokenUsage;
}

/** A started Anthropic-format stream: events as Anthropic sends them. */
export interface MessagesStream extends AsyncIterable<AnthropicEvent> {
  readonly meter: StreamMeter;
}

export interface ImageResult {
  response: ImagesResponse;
  usage: TokenUsage;
}

/**
 * A provider: request mapping, response and stream parsing, and usage extraction into `TokenUsage`, behind one
 * interface. Methods throw `UpstreamError` for anything the provider refused or failed.
 */
export interface Provider {
  readonly id: LlmProvider;
  /** False when its key (Ollama: its base URL) is not configured: listed, never routed to. */
  readonly available: boolean;
  chat(model: ModelInfo, params: ChatParams, call: UpstreamCall): Promise<ChatResult>;
  /** Resolves once the provider accepted the call, so failures before the first byte can still be retried. */
  chatStream(model: ModelInfo, params: ChatParams, call: UpstreamCall): Promise<ChatStream>;
  images?(model: ModelInfo, params: ImageParams, call: UpstreamCall): Promise<ImageResult>;
  /** Anthropic's own format, untranslated (only the Anthropic provider has it). */
  messages?(model: ModelInfo, params: AnthropicParams, call: UpstreamCall): Promise<MessagesResult>;
  messagesStream?(model: ModelInfo, params: AnthropicParams, call: UpstreamCall): Promise<MessagesStream>;
}

export type ProviderSet = Readonly<Record<LlmProvider, Provider>>;
