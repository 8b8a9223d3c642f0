/** A one-line progress bar redrawn in place; only used when stdout is a terminal. */
export function renderProgress(completed: number, total: number, errors: number, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(1, completed / total);
  const filled = Math.round(ratio * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${bar} ${completed}/${total} (${Math.round(ratio * 100)}%)${errors > 0 ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''}`;
}
