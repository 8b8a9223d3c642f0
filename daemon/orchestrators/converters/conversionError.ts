/**
 * A converter could not convert a prompt (a model that failed or answered unusably, a character an encoding cannot
 * hold). The prompt was then never sent as configured: the run stores it with this message and outcome `error`,
 * and goes on with the other prompts.
 */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';

  constructor(
    readonly converter: string,
    reason: string,
  ) {
    super(`${converter} could not convert the prompt: ${reason}`);
  }
}

export function isConversionError(error: unknown): error is ConversionError {
  return error instanceof ConversionError;
}
