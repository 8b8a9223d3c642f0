import * as vscode from 'vscode';
import { outcomeOf, ResultMatcher, type Outcome, type OutcomeKind, type ResultItem } from './testOutcome';

/** What the last run (or replay) reported for a test, by TestItem id; the editor tests read it. */
export interface RecordedOutcome {
  kind: OutcomeKind;
  label: string;
  message?: string;
  execution_id?: string;
}

/** Puts outcomes into a test run, and remembers each one by TestItem id. */
export class OutcomeReport {
  readonly outcomes = new Map<string, RecordedOutcome>();

  /**
   * Each test's stored result, matched by prompt value; a test with none gets `missing` (a replay passes none:
   * prompts the last execution did not send keep no state).
   */
  applyResults(
    testRun: vscode.TestRun,
    tests: readonly vscode.TestItem[],
    prompts: ReadonlyMap<string, string>,
    items: readonly ResultItem[],
    scored: boolean,
    missing: Outcome | undefined,
    duration: number | undefined,
    executionId: string,
  ): void {
    const matcher = new ResultMatcher(items);
    for (const test of tests) {
      const item = matcher.take(prompts.get(test.id)!);
      if (item) this.report(testRun, test, outcomeOf(item, scored), duration, executionId);
      else if (missing) this.report(testRun, test, missing, undefined, executionId);
    }
  }

  report(
    testRun: vscode.TestRun,
    test: vscode.TestItem,
    outcome: Outcome,
    duration?: number,
    executionId?: string,
  ): void {
    this.outcomes.set(test.id, {
      kind: outcome.kind,
      label: test.label,
      message: outcome.message,
      execution_id: executionId,
    });
    const message = (): vscode.TestMessage => {
      const testMessage = new vscode.TestMessage(outcome.message ?? outcome.kind);
      if (test.uri && test.range) testMessage.location = new vscode.Location(test.uri, test.range);
      return testMessage;
    };
    switch (outcome.kind) {
      case 'passed':
        testRun.passed(test, duration);
        break;
      case 'failed':
        testRun.failed(test, message(), duration);
        break;
      case 'errored':
        testRun.errored(test, message(), duration);
        break;
      case 'skipped':
        if (outcome.message)
          testRun.appendOutput(`${test.label}: ${outcome.message.split('\n').pop()}\r\n`, undefined, test);
        testRun.skipped(test);
        break;
    }
  }
}
