/** PyRIT's chat roles; a multi-turn orchestrator replays earlier turns with them. */
export type ChatRole = 'user' | 'assistant' | 'system';

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** PyRIT's `response_error` values, stored with every response piece. */
export type ResponseError = 'none' | 'blocked' | 'processing' | 'empty' | 'unknown';

export interface TargetRequest {
  readonly prompt: string;
  readonly conversation_id: string;
  /** Cancels the send: it then rejects with an `AbortError` instead of resolving. */
  readonly signal?: AbortSignal;
  /**
   * Earlier turns of the conversation, oldest first, sent before the prompt. A leading `system` message replaces
   * the target's configured `system_prompt` for this request (a judge or attacker brings its own instructions).
   */
  readonly history?: readonly ChatMessage[];
}

/** Tokens a model reported for one call (OpenAI's `usage`); the total is theirs sum when the server gave none. */
export interface TokenUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export interface TargetResponse {
  /** The answer; '' whenever `response_error` is not "none". */
  readonly text: string;
  readonly response_error: ResponseError;
  /** From `send()` to its answer, retries, backoff and rate-limit waits included: what the run waited. */
  readonly latency_ms: number;
  /** Requests made, 1 when the first one answered. */
  readonly attempts: number;
  /** Why the target failed or blocked, for the person reading results. Never holds an API key. */
  readonly error_message?: string;
  /** What the reply said the call used; null (or absent) when it said nothing (http, process, echo targets). */
  readonly usage?: TokenUsage | null;
}

/**
 * How PyRIT names a target in `PromptMemoryEntries.prompt_target_identifier`: class and module, plus, as PyRIT's
 * `PromptTarget.get_identifier()` adds them, the endpoint (without query string or credentials) and model.
 */
export interface TargetIdentifier {
  readonly __type__: string;
  readonly __module__: string;
  readonly endpoint?: string;
  readonly model_name?: string;
}

/**
 * Where prompts go. `send` resolves for every outcome the target can name (an answer, a block, a failure after
 * the last retry) so that a failed prompt is stored rather than lost; it rejects only when cancelled.
 */
export interface PromptTarget {
  readonly identifier: TargetIdentifier;
  send(request: TargetRequest): Promise<TargetResponse>;
  /** Releases what the target holds (a `process` target's child). Later sends reject. */
  dispose(): Promise<void>;
}
