import type { Command } from 'commander';
import type { Budget } from '../../protocol/schemas/usage';
import { CliFailure } from './output';

/** `--budget-requests`, `--budget-tokens`, `--budget-usd`, `--budget-seconds`: the execution's budget (absolute totals). */
export interface BudgetOptions {
  budgetRequests?: number;
  budgetTokens?: number;
  budgetUsd?: number;
  budgetSeconds?: number;
}

function wholeNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < 1)
      throw new CliFailure(`${flag} ${JSON.stringify(text)} is not a whole number of 1 or more.`, 2);
    return value;
  };
}

function positiveNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
      throw new CliFailure(`${flag} ${JSON.stringify(text)} is not a number greater than 0.`, 2);
    return value;
  };
}

export function addBudgetOptions(command: Command): Command {
  return command
    .option(
      '--budget-requests <n>',
      'stop once this many model calls (every role) were made',
      wholeNumber('--budget-requests'),
    )
    .option(
      '--budget-tokens <n>',
      'stop once this many tokens were reported (calls in flight may pass it)',
      wholeNumber('--budget-tokens'),
    )
    .option(
      '--budget-usd <x>',
      'stop once this many USD were spent at the configured prices',
      positiveNumber('--budget-usd'),
    )
    .option('--budget-seconds <s>', 'stop once the run has gone on this long', positiveNumber('--budget-seconds'));
}

/** The budget the flags give, or undefined when none is given (the config's or the stored one then applies). */
export function budgetFrom(options: BudgetOptions): Budget | undefined {
  const budget: Budget = {
    ...(options.budgetRequests !== undefined ? { max_requests: options.budgetRequests } : {}),
    ...(options.budgetTokens !== undefined ? { max_tokens: options.budgetTokens } : {}),
    ...(options.budgetUsd !== undefined ? { max_cost_usd: options.budgetUsd } : {}),
    ...(options.budgetSeconds !== undefined ? { max_duration_s: options.budgetSeconds } : {}),
  };
  return Object.keys(budget).length === 0 ? undefined : budget;
}
