import { randomUUID } from 'node:crypto';
import type { PromptTarget } from '../../targets/promptTarget';
import { ConversionError } from '../conversionError';

/** How much of an unusable reply goes into the error, so the person reading results can see what came back. */
const REPLY_EXCERPT = 2000;

/** The reply, quoted with control characters escaped: model output must not carry a terminal escape anywhere. */
export function quotedReply(reply: string): string {
  const excerpt = reply.length > REPLY_EXCERPT ? `${reply.slice(0, REPLY_EXCERPT)}…` : reply;
  return JSON.stringify(excerpt);
}

export interface ModelRequest {
  readonly className: string;
  readonly systemPrompt: string;
  readonly userMessage: string;
  readonly signal?: AbortSignal;
}

/**
 * One fresh conversation with the converter model: its own system prompt, then the message. A model that fails
 * or answers with nothing is a ConversionError naming the converter; cancel rejects with the AbortError.
 */
export async function askModel(target: PromptTarget, request: ModelRequest): Promise<string> {
  const answer = await target.send({
    prompt: request.userMessage,
    conversation_id: randomUUID(),
    history: [{ role: 'system', content: request.systemPrompt }],
    signal: request.signal,
  });
  if (answer.response_error !== 'none') {
    const detail = answer.error_message === undefined ? '' : `: ${answer.error_message}`;
    throw new ConversionError(
      request.className,
      `the converter model did not answer (response_error "${answer.response_error}")${detail}`,
    );
  }
  const reply = answer.text.trim();
  if (reply === '') throw new ConversionError(request.className, 'the converter model answered with nothing');
  return reply;
}

/** A reply that should be JSON: the object, or a ConversionError quoting what came back. Code fences are allowed. */
export function parseJsonReply(className: string, reply: string, expected: string): unknown {
  const unfenced = reply.replace(/^```(?:json)?\s*\n?/i, '').replace(/\n?```\s*$/, '');
  try {
    return JSON.parse(unfenced);
  } catch {
    throw new ConversionError(
      className,
      `the converter model's reply is not ${expected}; it said ${quotedReply(reply)}`,
    );
  }
}
