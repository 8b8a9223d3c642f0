import { randomUUID } from 'node:crypto';
import type { PromptTarget, TargetIdentifier } from '../targets/promptTarget';
import { parseJudgeReply, type JudgeReply } from './selfAskReply';
import { excerpt } from './trueFalseScore';

/** A self-ask scorer could not get a verdict; the message says why and what to change. */
export class SelfAskScorerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelfAskScorerError';
  }
}

export interface JudgeQuestion<Verdict> {
  /** PyRIT's class name, for messages: "SelfAskLikertScorer". */
  readonly scorerName: string;
  readonly systemPrompt: string;
  /** The user message: the text to judge, framed. */
  readonly message: string;
  /** The answer asked for, for the error message: '{"score_value": "1"–"5", "rationale": …}'. */
  readonly expected: string;
  /** The verdict in a parsed reply, or undefined when the reply does not hold a valid one. */
  read(reply: JudgeReply): Verdict | undefined;
  /** Reads a reply that is not the JSON of the self-ask prompts (Llama Guard's "safe"/"unsafe"). Default: the JSON. */
  parse?(text: string): JudgeReply | undefined;
  /** What the answer should have been, for the error: default "the JSON asked for". */
  readonly answerFormat?: string;
}

export interface JudgeAnswer<Verdict> {
  readonly verdict: Verdict;
  readonly rationale: string;
}

/**
 * Asks the judge model, each time in a fresh conversation with the scorer's own system prompt. An answer without
 * the JSON asked for gets one more try — models slip now and then, rarely twice in a row — as PyRIT retries
 * invalid JSON; a judge that is blocked or unreachable is reported at once, since asking again would not help
 * (the target has already retried what retries can fix).
 */
export async function askJudge<Verdict>(
  target: PromptTarget,
  question: JudgeQuestion<Verdict>,
  signal?: AbortSignal,
): Promise<JudgeAnswer<Verdict>> {
  let lastText = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const response = await target.send({
      prompt: question.message,
      conversation_id: randomUUID(),
      // A guard model (Llama Guard, ShieldGemma) takes its whole task in the user message and no system prompt.
      ...(question.systemPrompt === ''
        ? {}
        : { history: [{ role: 'system' as const, content: question.systemPrompt }] }),
      ...(signal ? { signal } : {}),
    });
    if (response.response_error === 'blocked') {
      throw new SelfAskScorerError(
        `${question.scorerName} could not score the response: the judge model ${judgeName(target.identifier)} was blocked by a ` +
          `content filter (${response.error_message ?? 'no details'}). Judging red-team output needs a judge whose filter lets ` +
          'it read harmful text: a deployment with a relaxed filter, or a local model.',
      );
    }
    if (response.response_error !== 'none' && response.response_error !== 'empty') {
      throw new SelfAskScorerError(
        `${question.scorerName} could not score the response: the judge model ${judgeName(target.identifier)} failed: ` +
          `${response.error_message ?? response.response_error}`,
      );
    }
    const reply = question.parse ? question.parse(response.text) : parseJudgeReply(response.text);
    const verdict = reply && question.read(reply);
    if (reply && verdict !== undefined) return { verdict, rationale: reply.rationale };
    lastText = response.text;
  }
  const jsonHint = question.parse
    ? ''
    : ', or, where the server supports it, add "response_format": {"type": "json_object"} to its extra_body';
  throw new SelfAskScorerError(
    `${question.scorerName} could not score the response: the judge model ${judgeName(target.identifier)} answered twice ` +
      `without ${question.answerFormat ?? 'the JSON asked for'} (${question.expected}). Its last answer: ` +
      `${excerpt(lastText, 200)}. Use a model that follows instructions more closely or lower its temperature${jsonHint}.`,
  );
}

function judgeName(identifier: TargetIdentifier): string {
  const model = identifier.model_name === undefined ? '' : `"${identifier.model_name}" `;
  return `${model}(${identifier.__type__}${identifier.endpoint === undefined ? '' : ` at ${identifier.endpoint}`})`;
}
