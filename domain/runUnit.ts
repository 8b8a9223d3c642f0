/**
 * What a run's headline counts. prompt_sending sends each prompt once; every other orchestrator type is an attack
 * that pursues objectives (one attack result per objective, whatever its number of turns), so its figures count
 * objectives. One rule for the CLI, the tree, toasts and panels.
 */
export type RunUnit = 'prompt' | 'objective';

export function unitOf(orchestratorType: string | undefined): RunUnit {
  return orchestratorType === undefined || orchestratorType === 'prompt_sending' ? 'prompt' : 'objective';
}

/** Whether a run of this type has objectives (and so may have attacker conversations) to list. */
export function pursuesObjectives(orchestratorType: string | undefined): boolean {
  return unitOf(orchestratorType) === 'objective';
}
