import type { z } from 'zod';
import type { ChatMessage, TargetRequest } from './promptTarget';
import type { openAiChatTargetSchema } from '../../../config/targetSpec';

export type OpenAiChatTargetSpec = z.output<typeof openAiChatTargetSchema>;

/**
 * The /v1/chat/completions body: the configured system prompt (unless the request brings its own as the first
 * history message), the earlier turns, then the prompt. Sampling fields are sent only when set, so a server's
 * own defaults apply otherwise; `extra_body` comes last so it can carry what we do not model (response_format…).
 */
export function chatCompletionBody(
  spec: OpenAiChatTargetSpec,
  request: Pick<TargetRequest, 'prompt' | 'history'>,
): Record<string, unknown> {
  const history = request.history ?? [];
  const ownSystemPrompt = history[0]?.role === 'system';
  const messages: ChatMessage[] = [
    ...(spec.system_prompt !== undefined && !ownSystemPrompt
      ? [{ role: 'system' as const, content: spec.system_prompt }]
      : []),
    ...history.map(({ role, content }) => ({ role, content })),
    { role: 'user', content: request.prompt },
  ];
  return {
    model: spec.model,
    messages,
    ...definedOnly({ temperature: spec.temperature, max_tokens: spec.max_tokens, top_p: spec.top_p, seed: spec.seed }),
    ...spec.extra_body,
  };
}

function definedOnly(fields: Record<string, number | undefined>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) result[name] = value;
  return result;
}
