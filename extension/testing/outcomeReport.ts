import * as vscode from 'vscode';
import { outcomeOf, ResultMatcher, type Outcome, type OutcomeKind, type ResultItem } from './testOutcome';
import { testMessageText, testOutputLine } from './testOutput';

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
   * Each test's stored result, matched by prompt (see ResultMatcher; `sent` is the run's prompt list when known); a
   * test with none gets `missing` (a replay passes none: prompts the last execution did not send keep no state).
   * Each test's duration is its own result's time, prompt sent to last score.
   */
  applyResults(
    testRun: vscode.TestRun,
    tests: readonly vscode.TestItem[],
    prompts: ReadonlyMap<string, string>,
    results: { items: readonly ResultItem[]; sent?: readonly string[]; executionId: string },
    missing: Outcome | undefined,
  ): void {
    const matcher = new ResultMatcher(results.items, results.sent);
    for (const test of tests) {
      const item = matcher.take(prompts.get(test.id)!);
      if (item) this.report(testRun, test, outcomeOf(item), item.execution_time_ms, results.executionId);
      else if (missing) this.report(testRun, test, missing, undefined, results.executionId);
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
      // Launch failures and run errors reach here too, quoting what a server said: neutralised like results.
      const testMessage = new vscode.TestMessage(testMessageText(outcome.message ?? outcome.kind));
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
          testRun.appendOutput(testOutputLine(`${test.label}: ${outcome.message.split('\n').pop()}`), undefined, test);
        testRun.skipped(test);
        break;
    }
  }
}
