import { z } from 'zod';
import type { TokenUsage } from './promptTarget';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** OpenAI's `usage` object; vLLM, Ollama and llama.cpp send the same one. */
const usageSchema = z.object({
  prompt_tokens: count,
  completion_tokens: count.optional(),
  total_tokens: count.optional(),
});

/**
 * The tokens a chat completion reports, or undefined when it reports none (or nonsense): a server's numbers are
 * taken as they are, never estimated from the text.
 */
export function readChatCompletionUsage(body: unknown): TokenUsage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const parsed = usageSchema.safeParse((body as { usage?: unknown }).usage);
  if (!parsed.success) return undefined;
  const { prompt_tokens: promptTokens, completion_tokens: completionTokens = 0 } = parsed.data;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: parsed.data.total_tokens ?? promptTokens + completionTokens,
  };
}
