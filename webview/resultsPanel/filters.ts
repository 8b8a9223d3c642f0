import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import type { OutcomeCounts } from '../../domain/runFigures';
import { byId, h } from '../shared/dom';
import {
  DEFAULT_FILTERS,
  MAX_SEARCH_LENGTH,
  OUTCOME_FILTERS,
  RESULT_SORTS,
  type OutcomeFilter,
  type ResultsFilters,
  type ResultsSort,
} from '../shared/resultsPanelMessages';

/** Typing pauses this long before the search goes to the daemon: one request per word, not per key. */
const SEARCH_DEBOUNCE_MS = 300;

const SORT_LABELS: Record<ResultsSort, string> = {
  prompt: 'Prompt order',
  outcome: 'Outcome',
  scorer: 'Scorer',
  latency: 'Latency (slowest first)',
};

function outcomeFilterLabel(filter: OutcomeFilter, counts: OutcomeCounts | null): string {
  if (filter === 'all') return 'All';
  if (filter === 'labelled') return 'Labelled by a reviewer';
  const label = OUTCOME_LABELS[filter];
  const name = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  return counts ? `${name} (${counts[filter]})` : name;
}

/**
 * The filter bar above the table: outcome, text search, sort. It only says what is asked for; the host asks the
 * daemon (results/list filters, searches and sorts), so a filter covers every page, not only the one shown.
 */
export class FilterBar {
  private readonly outcome = byId<HTMLSelectElement>('filter-outcome');
  private readonly search = byId<HTMLInputElement>('filter-search');
  private readonly sort = byId<HTMLSelectElement>('filter-sort');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private counts: OutcomeCounts | null = null;

  constructor(private readonly changed: (filters: ResultsFilters) => void) {
    this.fillOutcomes();
    this.sort.replaceChildren(...RESULT_SORTS.map((sort) => h('option', { value: sort }, SORT_LABELS[sort])));
    this.search.maxLength = MAX_SEARCH_LENGTH;
    this.set(DEFAULT_FILTERS);
    this.outcome.addEventListener('change', () => this.emit());
    this.sort.addEventListener('change', () => this.emit());
    this.search.addEventListener('input', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emit(), SEARCH_DEBOUNCE_MS);
    });
  }

  get filters(): ResultsFilters {
    return {
      outcome: this.outcome.value as OutcomeFilter,
      search: this.search.value.slice(0, MAX_SEARCH_LENGTH),
      sort: this.sort.value as ResultsSort,
    };
  }

  /** The run's outcome counts beside each choice, so a person sees what a filter will find. */
  setCounts(counts: OutcomeCounts): void {
    this.counts = counts;
    const selected = this.outcome.value;
    this.fillOutcomes();
    this.outcome.value = selected;
  }

  /** Sets the controls as a person would, then asks for the page (the host may drive the bar this way). */
  apply(filters: ResultsFilters): void {
    this.set(filters);
    this.emit();
  }

  /**
   * Shows the filters a page was read with. A reloaded page (VS Code drops hidden webviews) starts with the defaults
   * while the host kept the person's filters; a search being typed is left alone.
   */
  show(filters: ResultsFilters): void {
    if (this.timer === undefined) this.set(filters);
  }

  private set(filters: ResultsFilters): void {
    this.outcome.value = filters.outcome;
    this.search.value = filters.search;
    this.sort.value = filters.sort;
  }

  private fillOutcomes(): void {
    this.outcome.replaceChildren(
      ...OUTCOME_FILTERS.map((filter) => h('option', { value: filter }, outcomeFilterLabel(filter, this.counts))),
    );
  }

  private emit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed(this.filters);
  }
}
