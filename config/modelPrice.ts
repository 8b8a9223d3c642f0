import { z } from 'zod';

/**
 * What a model costs, in USD per 1,000 tokens, as providers publish it. Beside the model it prices, so a config that
 * swaps the model cannot keep an old price by mistake; a price in the daemon's settings file covers the rest.
 */
export const modelPriceSchema = z
  .strictObject({
    input_per_1k_usd: z.number().min(0).describe('USD per 1,000 prompt (input) tokens.'),
    output_per_1k_usd: z.number().min(0).describe('USD per 1,000 completion (output) tokens.'),
  })
  .describe(
    "Price of this model, for the run's cost. Wins over the daemon's settings file; with neither, the cost is unknown (null), never guessed.",
  );

export type ModelPrice = z.output<typeof modelPriceSchema>;
