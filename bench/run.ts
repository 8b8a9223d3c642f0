// `npm run bench`: every figure beside the baseline measured in the same run, written to bench/results.json.
// Ratios, not absolute times, are what to compare across machines: these are shared and noisy.
import fs from 'node:fs';
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
import { writeReport } from './report';

type Figures = Record<string, number>;

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

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: Figures = {};
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    const started = performance.now();
    process.stderr.write(`bench: ${suite.name}…\n`);
    Object.assign(results, await suite.run());
    process.stderr.write(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const file = path.join(__dirname, 'results.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Figures) : {};
  const merged = { ...previous, ...results };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  // The Markdown table of docs/performance.md is rendered from the same figures.
  if (writeReport(merged)) process.stderr.write('bench: docs/performance.md table rewritten\n');
  console.log(JSON.stringify(results, null, 2));
}

void main();
