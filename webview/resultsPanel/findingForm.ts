import { byId, h } from '../shared/dom';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_HARM_CATEGORY_LENGTH,
  MAX_TITLE_LENGTH,
  SEVERITIES,
  type Finding,
  type FindingSeverity,
  type NewFinding,
} from '../shared/findingMessages';

/** What the form asks the host for (the webview never talks to the daemon). */
export interface FindingFormActions {
  create(attackResultId: string, finding: NewFinding): void;
  addEvidence(findingId: string, attackResultId: string): void;
}

const NEW = '';

export function severitySelect(id: string, selected: FindingSeverity): HTMLSelectElement {
  const select = h('select', { id, class: 'severity-select' });
  for (const severity of SEVERITIES) {
    const option = h('option', { value: severity }, severity);
    option.selected = severity === selected;
    select.append(option);
  }
  return select;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'form-field' }, h('span', {}, label), control);
}

/**
 * "Add to finding" for one result: file a new finding (title, severity, harm category, description) with the
 * result as its evidence, or add the result to one of the orchestrator's findings. One form for the panel, in the
 * findings section, so a table redrawn while a run goes on cannot wipe what is being typed.
 */
export class FindingForm {
  private attackResultId: string | null = null;
  private findings: Finding[] = [];

  constructor(private readonly actions: FindingFormActions) {}

  /** The findings a result can be added to (the orchestrator's). */
  setFindings(findings: Finding[]): void {
    this.findings = findings;
    const target = document.getElementById('finding-target');
    if (target instanceof HTMLSelectElement && this.attackResultId !== null) this.fillTargets(target, target.value);
  }

  private fillTargets(select: HTMLSelectElement, keep: string): void {
    select.replaceChildren(
      h('option', { value: NEW }, 'A new finding'),
      ...this.findings.map((finding) =>
        h('option', { value: finding.finding_id }, `[${finding.severity}] ${finding.title}`),
      ),
    );
    select.value = this.findings.some((finding) => finding.finding_id === keep) ? keep : NEW;
  }

  get openFor(): string | null {
    return this.attackResultId;
  }

  /** Opens the form for a result; `prompt` is the row's prompt, shown (as text) so the person sees which one. */
  open(attackResultId: string, prompt: string): void {
    this.attackResultId = attackResultId;
    const box = byId('finding-form-box');
    const target = h('select', { id: 'finding-target', 'aria-label': 'Add the result to' });
    this.fillTargets(target, NEW);
    const title = h('input', {
      id: 'finding-title',
      type: 'text',
      maxlength: String(MAX_TITLE_LENGTH),
      placeholder: 'What the model did, in a line',
    });
    const severity = severitySelect('finding-severity', 'medium');
    const harm = h('input', {
      id: 'finding-harm',
      type: 'text',
      maxlength: String(MAX_HARM_CATEGORY_LENGTH),
      placeholder: 'e.g. violence, privacy, self-harm',
    });
    const description = h('textarea', {
      id: 'finding-description',
      rows: '3',
      maxlength: String(MAX_DESCRIPTION_LENGTH),
      placeholder: 'What was asked, what came back, why it matters (optional)',
    });
    const newFields = h(
      'div',
      { class: 'finding-new-fields' },
      field('Title', title),
      field('Severity', severity),
      field('Harm category', harm),
      field('Description', description),
    );
    const problem = h('div', { class: 'label-error', role: 'alert', hidden: '' });
    const save = h('button', { type: 'submit', id: 'finding-save' }, 'Save');
    const cancel = h('button', { type: 'button', id: 'finding-cancel', class: 'secondary' }, 'Cancel');
    const form = h(
      'form',
      { id: 'finding-form', class: 'finding-form', 'aria-label': 'Add the result to a finding' },
      h('h3', {}, 'Add to finding'),
      h('div', { class: 'muted cell-clip' }, `Result: ${prompt}`),
      field('Add the result to', target),
      newFields,
      problem,
      h('div', { class: 'form-buttons' }, save, cancel),
    );
    target.addEventListener('change', () => {
      newFields.hidden = target.value !== NEW;
    });
    cancel.addEventListener('click', () => this.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.attackResultId === null) return;
      if (target.value !== NEW) {
        this.actions.addEvidence(target.value, this.attackResultId);
      } else {
        if (title.value.trim() === '') {
          problem.hidden = false;
          problem.textContent = 'A finding needs a title.';
          title.focus();
          return;
        }
        this.actions.create(this.attackResultId, {
          title: title.value.slice(0, MAX_TITLE_LENGTH),
          severity: severity.value as FindingSeverity,
          harm_category: harm.value.slice(0, MAX_HARM_CATEGORY_LENGTH),
          description: description.value.slice(0, MAX_DESCRIPTION_LENGTH),
        });
      }
      save.disabled = true;
    });
    box.replaceChildren(form);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    title.focus();
  }

  /** Fills the form and presses Save, as a person would (the host drives this in tests). */
  submit(finding: NewFinding | { finding_id: string }): void {
    const target = document.getElementById('finding-target');
    if (!(target instanceof HTMLSelectElement)) return;
    if ('finding_id' in finding) {
      target.value = finding.finding_id;
    } else {
      target.value = NEW;
      byId<HTMLInputElement>('finding-title').value = finding.title;
      byId<HTMLSelectElement>('finding-severity').value = finding.severity;
      byId<HTMLInputElement>('finding-harm').value = finding.harm_category;
      byId<HTMLTextAreaElement>('finding-description').value = finding.description;
    }
    target.dispatchEvent(new Event('change'));
    byId<HTMLButtonElement>('finding-save').click();
  }

  /** A refused save gives the button back and says why; a stored one closes the form. */
  failed(message: string): void {
    const form = document.getElementById('finding-form');
    if (!form) return;
    const problem = form.querySelector<HTMLElement>('.label-error');
    if (problem) {
      problem.hidden = false;
      problem.textContent = message;
    }
    const save = document.getElementById('finding-save');
    if (save instanceof HTMLButtonElement) save.disabled = false;
  }

  close(): void {
    this.attackResultId = null;
    const box = byId('finding-form-box');
    box.replaceChildren();
    box.hidden = true;
  }
}

/** An "Add to finding" button on each result row (added after the rows are drawn: rows.ts draws the triage). */
export function addFindingButtons(rows: HTMLElement, form: FindingForm): void {
  for (const row of Array.from(rows.querySelectorAll<HTMLElement>('tr.result-row'))) {
    const id = row.dataset.attackResult ?? '';
    const verdict = row.querySelector('td.verdict');
    if (!verdict || id === '' || verdict.querySelector('.add-finding')) continue;
    const button = h('button', { type: 'button', class: 'secondary small add-finding' }, 'Add to finding');
    button.addEventListener('click', () => {
      const prompt = row.querySelector('td .cell-clip')?.textContent ?? '';
      form.open(id, prompt.length > 200 ? `${prompt.slice(0, 200)}…` : prompt);
    });
    verdict.append(h('div', { class: 'finding-action' }, button));
  }
}
