import { byId, h } from '../shared/dom';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  type Finding,
  type FindingEdit,
  type RenderedFindings,
} from '../shared/findingMessages';
import { severitySelect } from './findingForm';

/** What a listed finding's buttons ask the host for. */
export interface FindingListActions {
  update(findingId: string, edit: FindingEdit): void;
  /** The host asks for confirmation (a modal dialog) before it deletes. */
  remove(findingId: string): void;
}

/** "3 results as evidence, 2 from this run". */
function evidenceText(finding: Finding, executionId: string): string {
  const all = finding.evidence.length;
  const here = finding.evidence.filter((evidence) => evidence.execution_id === executionId).length;
  const results = `${all} result${all === 1 ? '' : 's'} as evidence`;
  return here === all ? results : `${results}, ${here} from this run`;
}

/**
 * The orchestrator's findings, worst first, each with Edit (title, severity, description) and Delete. Every text
 * (a title, a description, a harm category, a name) goes in as text: a finding quotes model output.
 */
export class FindingsList {
  private findings: Finding[] = [];
  private executionId = '';
  /** The finding whose edit form is open: a redraw (another window changed something) keeps it open. */
  private editing: string | null = null;

  constructor(private readonly actions: FindingListActions) {}

  render(findings: Finding[], executionId: string, unavailable: string | null): void {
    this.findings = findings;
    this.executionId = executionId;
    if (this.editing !== null && !findings.some((finding) => finding.finding_id === this.editing)) this.editing = null;
    byId('findings-count').textContent = findings.length === 0 ? '' : `(${findings.length})`;
    const note = byId('findings-note');
    note.hidden = findings.length > 0;
    note.textContent = unavailable ?? 'No finding yet.';
    byId('findings').replaceChildren(...findings.map((finding) => this.item(finding)));
  }

  private item(finding: Finding): HTMLLIElement {
    const editing = this.editing === finding.finding_id;
    const item = h(
      'li',
      { class: `finding severity-${finding.severity}`, 'data-finding': finding.finding_id },
      h(
        'div',
        { class: 'finding-head' },
        h('span', { class: `severity severity-${finding.severity}` }, finding.severity),
        h('span', { class: 'finding-title' }, finding.title),
        finding.harm_category ? h('span', { class: 'label-tag' }, finding.harm_category) : null,
        h('span', { class: 'spacer' }),
        h('span', { class: 'muted finding-evidence' }, evidenceText(finding, this.executionId)),
      ),
      finding.description ? h('div', { class: 'finding-description' }, finding.description) : null,
      h('div', { class: 'muted' }, `filed by ${finding.operator} · ${new Date(finding.updated_at).toLocaleString()}`),
    );
    if (editing) item.append(this.editForm(finding));
    else {
      const edit = h('button', { type: 'button', class: 'secondary small', 'data-action': 'edit' }, 'Edit');
      const remove = h('button', { type: 'button', class: 'secondary small', 'data-action': 'delete' }, 'Delete…');
      edit.addEventListener('click', () => this.startEditing(finding.finding_id));
      remove.addEventListener('click', () => this.actions.remove(finding.finding_id));
      item.append(h('div', { class: 'form-buttons' }, edit, remove));
    }
    return item;
  }

  private editForm(finding: Finding): HTMLFormElement {
    const title = h('input', { type: 'text', class: 'edit-title', maxlength: String(MAX_TITLE_LENGTH) });
    title.value = finding.title;
    const severity = severitySelect(`edit-severity-${finding.finding_id}`, finding.severity);
    severity.classList.add('edit-severity');
    const description = h('textarea', {
      class: 'edit-description',
      rows: '3',
      maxlength: String(MAX_DESCRIPTION_LENGTH),
    });
    description.value = finding.description ?? '';
    const problem = h('div', { class: 'label-error', role: 'alert', hidden: '' });
    const save = h('button', { type: 'submit', class: 'small', 'data-action': 'save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
    const form = h(
      'form',
      { class: 'finding-form', 'aria-label': 'Edit the finding' },
      h('label', { class: 'form-field' }, h('span', {}, 'Title'), title),
      h('label', { class: 'form-field' }, h('span', {}, 'Severity'), severity),
      h('label', { class: 'form-field' }, h('span', {}, 'Description'), description),
      problem,
      h('div', { class: 'form-buttons' }, save, cancel),
    );
    cancel.addEventListener('click', () => {
      this.editing = null;
      this.redraw();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (title.value.trim() === '') {
        problem.hidden = false;
        problem.textContent = 'A finding needs a title.';
        return;
      }
      this.editing = null;
      save.disabled = true;
      this.actions.update(finding.finding_id, {
        title: title.value.slice(0, MAX_TITLE_LENGTH),
        severity: severity.value as FindingEdit['severity'],
        description: description.value.slice(0, MAX_DESCRIPTION_LENGTH),
      });
    });
    return form;
  }

  private startEditing(findingId: string): void {
    this.editing = findingId;
    this.redraw();
    document.querySelector<HTMLInputElement>(`li[data-finding="${CSS.escape(findingId)}"] .edit-title`)?.focus();
  }

  private redraw(): void {
    byId('findings').replaceChildren(...this.findings.map((finding) => this.item(finding)));
  }

  /** Opens the edit form, types the changes and presses Save, as a person would. */
  pressEdit(findingId: string, edit: FindingEdit): void {
    this.startEditing(findingId);
    const item = document.querySelector<HTMLElement>(`li[data-finding="${CSS.escape(findingId)}"]`);
    if (!item) return;
    const title = item.querySelector<HTMLInputElement>('.edit-title');
    const severity = item.querySelector<HTMLSelectElement>('.edit-severity');
    const description = item.querySelector<HTMLTextAreaElement>('.edit-description');
    if (!title || !severity || !description) return;
    title.value = edit.title;
    severity.value = edit.severity;
    description.value = edit.description;
    item.querySelector<HTMLButtonElement>('button[data-action="save"]')?.click();
  }

  focus(findingId: string): void {
    const item = document.querySelector<HTMLElement>(`li[data-finding="${CSS.escape(findingId)}"]`);
    if (!item) return;
    item.scrollIntoView({ block: 'center' });
    item.classList.add('focused');
    item.tabIndex = -1;
    item.focus();
  }

  /** What the list shows now, for the host (and the editor tests). */
  rendered(): RenderedFindings['findings'] {
    return Array.from(document.querySelectorAll<HTMLElement>('#findings li.finding')).map((item) => ({
      finding_id: item.dataset.finding ?? '',
      severity: item.querySelector('.finding-head .severity')?.textContent ?? '',
      title: item.querySelector('.finding-title')?.textContent ?? '',
      description: item.querySelector('.finding-description')?.textContent ?? '',
      evidence: item.querySelector('.finding-evidence')?.textContent ?? '',
    }));
  }
}
