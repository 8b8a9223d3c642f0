import type { Command, Option } from 'commander';
import { addLaunchCommand, addResumeCommand } from './runCommands';
import { addCancelCommand, addListCommand, addStatusCommand } from './executionCommands';
import { addResultsCommand } from './resultsCommands';
import { addCompareCommand } from './compareCommand';
import { addLabelCommand, addUnlabelCommand } from './labelCommands';
import { addClearCacheCommand } from './cacheCommand';
import { addConvertersCommand } from './convertersCommand';
import type { WithDaemon } from './withDaemon';

/** The commands on orchestrators, executions and results, registered in the order `vutf --help` lists them. */
export function addOrchestratorCommands(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  addLaunchCommand(program, withDaemon, userOption);
  addListCommand(program, withDaemon, userOption);
  addStatusCommand(program, withDaemon, userOption);
  addCancelCommand(program, withDaemon, userOption);
  addResumeCommand(program, withDaemon, userOption);
  addResultsCommand(program, withDaemon, userOption);
  addLabelCommand(program, withDaemon, userOption);
  addUnlabelCommand(program, withDaemon, userOption);
  addCompareCommand(program, withDaemon, userOption);
  addClearCacheCommand(program, withDaemon, userOption);
  addConvertersCommand(program, withDaemon, userOption);
}
