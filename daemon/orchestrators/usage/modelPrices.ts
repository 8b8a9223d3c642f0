import fs from 'node:fs';
import path from 'node:path';
import { modelPriceSchema, type ModelPrice } from '../../../config/modelPrice';

/**
 * The daemon's settings file, `settings.json` in the state dir, written by hand:
 * `{"model_prices": {"gpt-4o-mini": {"input_per_1k_usd": 0.00015, "output_per_1k_usd": 0.0006}}}`. Prices are keyed
 * by the `model` a target sends. A target config's own `price` wins over it. Read afresh at each launch, so an edit
 * takes effect from the next run without a restart.
 */
export function settingsPath(stateDir: string): string {
  return path.join(stateDir, 'settings.json');
}

/** Prices by model name; a missing, unreadable or malformed file (or entry) prices nothing rather than guessing. */
export function readModelPrices(stateDir: string): ReadonlyMap<string, ModelPrice> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(settingsPath(stateDir), 'utf8'));
  } catch {
    return new Map();
  }
  const prices = new Map<string, ModelPrice>();
  const table = (parsed as { model_prices?: unknown } | null)?.model_prices;
  if (typeof table !== 'object' || table === null) return prices;
  for (const [model, value] of Object.entries(table)) {
    const price = modelPriceSchema.safeParse(value);
    if (price.success) prices.set(model, price.data);
  }
  return prices;
}
