import { z } from 'zod';
import { answered, blocked, excerpt, failed, type FinalOutcome } from './attemptOutcome';
import { readChatCompletionUsage } from './chatCompletionUsage';

/** Only what we read; servers add fields freely (usage, logprobs, Azure's content_filter_results…). */
const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z
          .object({
            content: z
              .union([z.string(), z.array(z.object({ type: z.string().optional(), text: z.string().optional() }))])
              .nullish(),
            refusal: z.string().nullish(),
          })
          .nullish(),
        content_filter_results: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .min(1),
});

/**
 * Reads a 2xx chat completion: the first choice's text, a content-filter stop as `blocked`, no text as `empty`,
 * with the tokens the reply reports.
 */
export function readChatCompletion(bodyText: string): FinalOutcome {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return failed(
      `The endpoint's reply is not JSON, so it is not an OpenAI-compatible chat completion: ${excerpt(bodyText)}`,
    );
  }
  const outcome = readChoice(body, bodyText);
  const usage = readChatCompletionUsage(body);
  return usage === undefined ? outcome : { ...outcome, usage };
}

function readChoice(body: unknown, bodyText: string): FinalOutcome {
  const parsed = chatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    return failed(`The reply has no choices[0] as an OpenAI-compatible chat completion would: ${excerpt(bodyText)}`);
  }
  const [choice] = parsed.data.choices;
  if (choice === undefined) return failed('The reply has no choices.');
  if (choice.finish_reason === 'content_filter') {
    const categories = choice.content_filter_results
      ? ` Filter results: ${excerpt(JSON.stringify(choice.content_filter_results))}`
      : '';
    return blocked(`The model's content filter stopped the answer (finish_reason "content_filter").${categories}`);
  }
  const content = choice.message?.content;
  const text = Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : (content ?? '');
  // OpenAI puts a model's own refusal in `refusal` with null content: that is its answer, not an empty one.
  return answered(text === '' ? (choice.message?.refusal ?? '') : text);
}
