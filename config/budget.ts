import { Budget } from '../protocol/schemas/usage';

/**
 * The budget an orchestrator's runs get unless executions/start names another: the same shape the protocol
 * carries, so a config's default and a launch's override are read by one rule.
 */
export const budgetSchema = Budget;
