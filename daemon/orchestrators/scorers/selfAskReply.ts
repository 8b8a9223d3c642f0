import { RE2JS } from 're2js';

/**
 * A ```json fence. The judge's answer is model output, so it is searched on RE2 (linear time): with a backtracking
 * engine, an opening fence followed by a long run of spaces and no closing fence takes quadratic time.
 */
const FENCED_JSON = RE2JS.compile('```(?:json)?\\s*([\\s\\S]*?)```', RE2JS.CASE_INSENSITIVE);

/** What a self-ask judge answers, once its JSON is found. */
export interface JudgeReply {
  readonly score_value: unknown;
  readonly rationale: string;
  readonly description?: string;
}

/**
 * Finds the judge's JSON object in what it wrote. Chat models wrap JSON in ```json fences or add a sentence
 * around it however firmly told not to, so both are peeled off before giving up. PyRIT's true/false prompt
 * names the key "value" where its Likert prompt says "score_value"; either is read.
 */
export function parseJudgeReply(text: string): JudgeReply | undefined {
  const object = firstJsonObject(text);
  if (object === undefined) return undefined;
  const scoreValue = object.score_value ?? object.value;
  if (scoreValue === undefined || scoreValue === null) return undefined;
  const rationale =
    typeof object.rationale === 'string' && object.rationale.trim() !== ''
      ? object.rationale
      : '(The judge gave no rationale.)';
  return typeof object.description === 'string'
    ? { score_value: scoreValue, rationale, description: object.description }
    : { score_value: scoreValue, rationale };
}

/** The first JSON object in what a judge wrote, fenced or wrapped in prose; undefined when there is none. */
export function firstJsonObject(text: string): Record<string, unknown> | undefined {
  const fence = FENCED_JSON.matcher(text);
  const fenced = fence.find() ? (fence.group(1) ?? undefined) : undefined;
  const candidates = [fenced, text, braced(fenced ?? text)];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      const value: unknown = JSON.parse(candidate.trim());
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Try the next, looser reading.
    }
  }
  return undefined;
}

/** From the first "{" to the last "}": drops a preamble such as "Here is my evaluation:". */
function braced(text: string): string | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}

/** "True"/"False" in any case, or a JSON boolean. */
export function readTrueFalse(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

/** A whole level from 1 to 5, written as a number or a string ("4", "4.0"). */
export function readLikertLevel(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value.trim())
        : Number.NaN;
  return Number.isInteger(number) && number >= 1 && number <= 5 ? number : undefined;
}
