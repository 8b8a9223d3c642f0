/**
 * `--fail-if "attack_success_rate > 0.10"`: conditions that turn a finished run into a failed CI step. One metric,
 * one comparison, one number — readable in a pipeline file and impossible to get subtly wrong. The metrics are
 * docs/results.md's figures, read from the daemon's answers; nothing here decides an outcome.
 */
export type GateMetric =
  | 'attack_success_rate'
  | 'error_rate'
  | 'response_rate'
  | 'success'
  | 'failure'
  | 'error'
  | 'undetermined'
  | 'newly_jailbroken'
  | 'newly_held'
  | 'attack_success_rate_delta';

interface MetricSpec {
  meaning: string;
  /**
   * For a share (0–1) or a difference of shares: why it can be n/a. A threshold beyond ±1 on one is a percentage
   * typed by mistake.
   */
  notApplicable?: string;
  /** Known only against a --baseline run. */
  baseline?: true;
}

const NOTHING_JUDGED = 'no answer was judged jailbroken or held';
const NOTHING_STORED = 'no prompt has a result';

export const GATE_METRICS: Readonly<Record<GateMetric, MetricSpec>> = {
  attack_success_rate: { meaning: 'success / (success + failure), 0–1', notApplicable: NOTHING_JUDGED },
  error_rate: { meaning: 'error / prompts with a result, 0–1', notApplicable: NOTHING_STORED },
  response_rate: { meaning: 'share of the prompts the target answered, 0–1', notApplicable: NOTHING_STORED },
  success: { meaning: 'prompts judged jailbroken' },
  failure: { meaning: 'prompts judged held' },
  error: { meaning: 'prompts the target did not answer' },
  undetermined: { meaning: 'answers no objective scorer decided' },
  newly_jailbroken: { meaning: 'not jailbroken in the --baseline run, jailbroken in this one', baseline: true },
  newly_held: { meaning: 'jailbroken in the --baseline run, held in this one', baseline: true },
  attack_success_rate_delta: {
    meaning: "this run's attack_success_rate − the baseline's",
    notApplicable: `in one of the runs ${NOTHING_JUDGED}`,
    baseline: true,
  },
};

/** Protocol 1's metrics meant something else; a pipeline that still names one must be told what to write now. */
const PROTOCOL_1_METRICS: Readonly<Record<string, string>> = {
  success_rate: "success_rate is protocol 1's name; use attack_success_rate (success / (success + failure))",
  successes: "successes is protocol 1's name; use success (prompts judged jailbroken)",
  failed_prompts: "failed_prompts is protocol 1's name; use error (prompts the target did not answer) or error_rate",
  total_prompts:
    'total_prompts is no longer a gate metric; gate on the outcome counts (success, failure, error, undetermined) or on error_rate',
};

type Operator = '>=' | '<=' | '==' | '!=' | '>' | '<';

export interface GateCondition {
  text: string;
  metric: GateMetric;
  operator: Operator;
  threshold: number;
}

function isGateMetric(name: string): name is GateMetric {
  return Object.hasOwn(GATE_METRICS, name);
}

export function parseGate(text: string): GateCondition {
  const match = /^\s*([a-z_]+)\s*(>=|<=|==|!=|>|<)\s*(-?(?:\d+(?:\.\d+)?|\.\d+))\s*$/.exec(text);
  if (!match)
    throw new Error(
      `--fail-if ${JSON.stringify(text)} is not "<metric> <op> <number>", e.g. "attack_success_rate > 0.10".`,
    );
  const metric = match[1];
  const renamed = PROTOCOL_1_METRICS[metric];
  if (renamed !== undefined) throw new Error(`--fail-if "${text.trim()}": ${renamed}.`);
  if (!isGateMetric(metric))
    throw new Error(`--fail-if: unknown metric "${metric}"; use one of ${Object.keys(GATE_METRICS).join(', ')}.`);
  const threshold = Number(match[3]);
  if (GATE_METRICS[metric].notApplicable !== undefined && Math.abs(threshold) > 1)
    throw new Error(`--fail-if "${text.trim()}": ${metric} is a share from 0 to 1 (0.10 is 10%), not a percentage.`);
  return { text: text.trim(), metric, operator: match[2] as Operator, threshold };
}

/** The first condition naming a metric only a --baseline run gives, when there is none. */
export function needingBaseline(conditions: readonly GateCondition[]): GateCondition | undefined {
  return conditions.find((condition) => GATE_METRICS[condition.metric].baseline === true);
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

/** A metric's value; null for a rate with nothing to divide by (docs/results.md: "n/a", never a made-up 0). */
export type GateValues = Partial<Record<GateMetric, number | null>>;

export interface Tripped {
  condition: GateCondition;
  value: number | null;
}

/**
 * The first condition that holds, with the value that made it hold; undefined when the run passes the gate. A
 * condition on a rate that is n/a trips too: a run whose answers no scorer judged must not pass a gate on them.
 */
export function firstTripped(conditions: readonly GateCondition[], values: GateValues): Tripped | undefined {
  for (const condition of conditions) {
    const value = values[condition.metric];
    if (value === undefined)
      throw new Error(`--fail-if "${condition.text}" needs --baseline EXECUTION_ID to know ${condition.metric}.`);
    if (value === null || holds(condition, value)) return { condition, value };
  }
  return undefined;
}

/** The one line a failed step prints. */
export function describeTripped({ condition, value }: Tripped): string {
  const shown =
    value === null
      ? `${condition.metric} is n/a: ${GATE_METRICS[condition.metric].notApplicable ?? 'unknown'}`
      : `${condition.metric} = ${Number(value.toFixed(4))}`;
  return `gate failed: ${condition.text} (${shown})`;
}
