/** Edit distance, so that `batchsize`, `batch-size` and `bacth_size` all lead to `batch_size`. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/** camelCase, kebab-case and snake_case spellings of one name should all count as the same name. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

/** The candidate a typo most likely meant, or undefined when none is close enough to be a useful hint. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(normalize(word), normalize(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(1, Math.floor(Math.min(word.length, best.candidate.length) / 3));
  return best.distance <= tolerance ? best.candidate : undefined;
}

/** `"a", "b" or "c"`: quoted, because the values are meant to be copied into the file as they are. */
export function quotedList(values: readonly unknown[], conjunction = 'or'): string {
  const quoted = values.map((value) => JSON.stringify(value));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}
