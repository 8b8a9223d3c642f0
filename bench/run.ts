// `npm run bench`: every figure beside the baseline measured in the same run, written to bench/results.json.
// Ratios, not absolute times, are what to compare across machines: these are shared and noisy.
//
//   npm run bench                     every suite once
//   npm run bench -- rpc startup      only those suites
//   npm run bench -- --runs 3         every suite 3 times (run after run): each figure is the median of the 3
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMemoryBench } from './memory';
import { runEngineBench } from './engine';
import { benchPool } from '../daemon/pool/bench';
import { runRpcBench } from './rpc';
import { runListPagesBench } from './listPages';
import { runStartupBench } from './startup';
import { runScaleBench } from './scale';
import { runSecurityBench } from './security';
import { runWriterThreadBench } from './writerThread';
import { runTeamBench } from './team';
import { writeReport, type Figures, type RunsRecord } from './report';

const suites: { name: string; run: () => Promise<Figures> }[] = [
  { name: 'memory', run: runMemoryBench },
  { name: 'pool', run: async () => ({ ...(await benchPool()) }) },
  { name: 'engine', run: runEngineBench },
  { name: 'writer', run: runWriterThreadBench },
  { name: 'rpc', run: runRpcBench },
  { name: 'lists', run: runListPagesBench },
  { name: 'startup', run: runStartupBench },
  { name: 'scale', run: runScaleBench },
  { name: 'security', run: runSecurityBench },
  { name: 'team', run: runTeamBench },
];

function parseArguments(argv: readonly string[]): { only: string[]; runs: number } {
  const only: string[] = [];
  let runs = 1;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--runs') {
      runs = Number(argv[++index]);
      if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of 1 or more');
    } else only.push(argv[index]);
  }
  const unknown = only.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0)
    throw new Error(`unknown suite ${unknown.join(', ')}; the suites: ${suites.map((suite) => suite.name).join(', ')}`);
  return { only, runs };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const { only, runs } = parseArguments(process.argv.slice(2));
  const values: Record<string, number[]> = {};
  const loads: number[] = [];
  for (let run = 1; run <= runs; run++) {
    loads.push(Math.round(os.loadavg()[0] * 10) / 10);
    for (const suite of suites) {
      if (only.length > 0 && !only.includes(suite.name)) continue;
      const started = performance.now();
      process.stderr.write(`bench: ${suite.name}${runs > 1 ? ` (run ${run} of ${runs})` : ''}…\n`);
      for (const [key, value] of Object.entries(await suite.run())) (values[key] ??= []).push(value);
      process.stderr.write(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  const results: Figures = Object.fromEntries(Object.entries(values).map(([key, list]) => [key, median(list)]));
  // Committed beside docs/performance.md: a suite run alone keeps the other suites' last figures in the table.
  const file = path.join(__dirname, 'results.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Figures) : {};
  const merged = { ...previous, ...results };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  const record: RunsRecord = { when: new Date().toISOString(), runs, loads, values };
  const runsFile = path.join(__dirname, 'runs.json');
  const previousRuns = fs.existsSync(runsFile) ? (JSON.parse(fs.readFileSync(runsFile, 'utf8')) as RunsRecord[]) : [];
  // The last record of each figure is what the table shows beside its median; older ones are dropped.
  const keptRuns = previousRuns
    .map((old) => ({
      ...old,
      values: Object.fromEntries(Object.entries(old.values).filter(([key]) => !(key in values))),
    }))
    .filter((old) => Object.keys(old.values).length > 0);
  fs.writeFileSync(runsFile, `${JSON.stringify([...keptRuns, record], null, 2)}\n`);
  // The Markdown table of docs/performance.md is rendered from the same figures.
  if (writeReport(merged, [...keptRuns, record])) process.stderr.write('bench: docs/performance.md table rewritten\n');
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
