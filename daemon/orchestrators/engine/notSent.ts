import type { ConversionError } from '../converters/conversionError';
import type { TargetResponse } from '../targets/promptTarget';

/**
 * What a run stores when a converter could not convert a prompt: an answer that never came, as a processing error
 * whose message says the prompt was not sent and why, so the outcome is `error` (never a "held") and the run goes
 * on with the other prompts.
 */
export function notSentAnswer(error: ConversionError): TargetResponse {
  return {
    text: '',
    response_error: 'processing',
    latency_ms: 0,
    attempts: 0,
    error_message: `The prompt was never sent: ${error.message}`,
  };
}
