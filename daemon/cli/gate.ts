/**
 * `--fail-if "success_rate > 0.10"`: conditions that turn a finished run into a failed CI step. One metric, one
 * comparison, one number — readable in a pipeline file and impossible to get subtly wrong.
 */
export type GateMetric =
  'success_rate' | 'successes' | 'failed_prompts' | 'total_prompts' | 'newly_jailbroken' | 'newly_held';

export const GATE_METRICS: Record<GateMetric, string> = {
  success_rate: 'attack success rate among scored prompts, 0–1',
  successes: 'prompts judged a successful attack',
  failed_prompts: 'prompts the target failed to answer (errors, blocks)',
  total_prompts: 'prompts in the run',
  newly_jailbroken: 'prompts that held in the --baseline run and fell in this one',
  newly_held: 'prompts that fell in the --baseline run and held in this one',
};

type Operator = '>=' | '<=' | '==' | '!=' | '>' | '<';

export interface GateCondition {
  text: string;
  metric: GateMetric;
  operator: Operator;
  threshold: number;
}

export function parseGate(text: string): GateCondition {
  const match = /^\s*([a-z_]+)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match)
    throw new Error(`--fail-if ${JSON.stringify(text)} is not "<metric> <op> <number>", e.g. "success_rate > 0.10".`);
  const metric = match[1];
  if (!(metric in GATE_METRICS))
    throw new Error(`--fail-if: unknown metric "${metric}"; use one of ${Object.keys(GATE_METRICS).join(', ')}.`);
  return {
    text: text.trim(),
    metric: metric as GateMetric,
    operator: match[2] as Operator,
    threshold: Number(match[3]),
  };
}

export function holds(condition: GateCondition, value: number): boolean {
  switch (condition.operator) {
    case '>':
      return value > condition.threshold;
    case '>=':
      return value >= condition.threshold;
    case '<':
      return value < condition.threshold;
    case '<=':
      return value <= condition.threshold;
    case '==':
      return value === condition.threshold;
    case '!=':
      return value !== condition.threshold;
  }
}

/** The first condition that holds, with the value that made it hold; undefined when the run passes the gate. */
export function firstTripped(
  conditions: readonly GateCondition[],
  metrics: Partial<Record<GateMetric, number>>,
): { condition: GateCondition; value: number } | undefined {
  for (const condition of conditions) {
    const value = metrics[condition.metric];
    if (value === undefined)
      throw new Error(`--fail-if "${condition.text}" needs --baseline EXECUTION_ID to know ${condition.metric}.`);
    if (holds(condition, value)) return { condition, value };
  }
  return undefined;
}
