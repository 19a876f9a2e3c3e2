// Pieces the screens share: form fields wired for screen readers, the API's errors
// shown next to their fields, the confirmation dialog, the pager and sortable headers.

import { h, uid } from './dom.js';
import { describe, request } from './api.js';
import { flash, navigate } from './router.js';
import { currentUser } from './session.js';

/** Rows per page of every list. */
export const PAGE_SIZE = 20;

/**
 * "First Last", or the e-mail address when the API knows no name. A domain's owner is
 * only an id for people who may not read users: then it is the signed-in person
 * (named), or "user #7".
 */
export function personName(user) {
  const me = currentUser();
  if (user.email === undefined && me && user.id === me.id) return personName(me);
  return `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim() || user.email || `user #${user.id}`;
}

/** A labelled control with a slot for its error; the control's name is the API's field name. */
export function field({ label, name, type = 'text', value = '', hint, required = false, attrs = {} }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const control = type === 'textarea'
    ? h('textarea', { id, name, class: 'form-control', rows: 3, 'aria-describedby': hintId, required, ...attrs }, value ?? '')
    : h('input', { id, name, type, class: 'form-control', value: value ?? '', 'aria-describedby': hintId, required, ...attrs });
  return h('div', { class: 'mb-3' },
    h('label', { for: id, class: 'form-label' }, label, required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('div', { id: hintId, class: 'form-text' }, hint) : null,
    h('div', { id: `${id}-error`, class: 'invalid-feedback' }));
}

/** Where a form shows errors that belong to no field; focused when it has news. */
export function errorSummary() {
  return h('div', { class: 'alert alert-danger', role: 'alert', tabindex: '-1', hidden: true, 'data-error-summary': true });
}

function clearErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.classList.remove('is-invalid');
    control.removeAttribute('aria-invalid');
    const error = document.getElementById(`${control.id}-error`);
    if (error) error.replaceChildren();
    const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((v) => v && v !== `${control.id}-error`);
    if (describedBy.length) control.setAttribute('aria-describedby', describedBy.join(' '));
    else control.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('[data-error-summary]');
  summary.replaceChildren();
  summary.hidden = true;
}

/**
 * Shows an ApiError on a form: each errors[].message under its field (the control
 * whose name is errors[].field), the rest and the detail in the summary. Focus goes to
 * the first field in error, else to the summary, so keyboard and screen reader users
 * land on the problem.
 */
function showErrors(form, error) {
  clearErrors(form);
  const summary = form.querySelector('[data-error-summary]');
  const unplaced = [];
  for (const { field: name, message } of error.fieldErrors ?? []) {
    const control = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
    const slot = control && document.getElementById(`${control.id}-error`);
    if (!slot) {
      unplaced.push(name ? `${name}: ${message}` : message);
      continue;
    }
    control.classList.add('is-invalid');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' '));
    slot.append(slot.childNodes.length ? ` ${message}` : message);
  }
  const fieldCount = (error.fieldErrors?.length ?? 0) - unplaced.length;
  const headline = fieldCount > 0
    ? `Please correct the ${fieldCount === 1 ? 'field' : `${fieldCount} fields`} marked below.`
    : describe(error);
  summary.append(h('p', { class: 'mb-0' }, headline));
  if (fieldCount > 0 && error.detail) summary.append(h('p', { class: 'mb-0 small' }, error.detail));
  if (unplaced.length) summary.append(h('ul', { class: 'mb-0 mt-2' }, unplaced.map((text) => h('li', null, text))));
  summary.hidden = false;
  // The first field in error in reading order, not in the API's order.
  (form.querySelector('[aria-invalid="true"]:not([type="hidden"])') ?? summary).focus();
}

/**
 * Sends a form with save() when it is submitted: the button is disabled meanwhile, and
 * a refusal is shown on the form (a 401 has already led to the sign-in screen).
 */
export function onSave(form, submit, save) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      await save();
    } catch (error) {
      if (error.status !== 401) showErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });
}

/** Asks first, deletes, then redraws the list with a message. noun: 'domain', 'user'. */
export async function deleteAfterConfirming(noun, name, path) {
  if (!(await confirmAction(`Delete the ${noun} ${name}? This cannot be undone.`))) return;
  try {
    await request('DELETE', path);
    const text = `${noun[0].toUpperCase()}${noun.slice(1)} ${name} deleted.`;
    navigate(location.pathname + location.search, { replace: true, flash: { text } });
  } catch (error) {
    if (error.status !== 401) flash({ kind: 'danger', text: describe(error) });
  }
}

/** Resolves true when the person confirms; the native <dialog> keeps focus inside and Esc cancels. */
function confirmAction(message) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-message').textContent = message;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/** A column header that sorts: a button inside <th>, with aria-sort telling the state. */
export function sortableHeader(label, property, sort, onSort) {
  const [current, direction] = (sort ?? '').split(',');
  const active = current === property;
  const next = active && direction === 'asc' ? 'desc' : 'asc';
  return h('th', { scope: 'col', 'aria-sort': active ? (direction === 'asc' ? 'ascending' : 'descending') : null },
    h('button', { type: 'button', class: 'sort', id: `sort-${property}`, onclick: () => onSort(`${property},${next}`) },
      label,
      h('span', { 'aria-hidden': 'true' }, active ? (direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'),
      h('span', { class: 'visually-hidden' }, active ? `, sorted ${direction === 'asc' ? 'ascending' : 'descending'}; activate to reverse` : ', activate to sort')));
}

/** Previous/next with the position in words. page is 0-based as in the API. */
export function pager({ number, totalPages, totalElements }, noun, onPage) {
  const shown = totalPages === 0 ? 0 : number + 1;
  return h('nav', { 'aria-label': 'Pages', class: 'd-flex flex-wrap align-items-center gap-2' },
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', id: 'page-previous', disabled: number <= 0, onclick: () => onPage(number - 1) }, '‹ Previous'),
    h('span', { class: 'small' }, `Page ${shown} of ${totalPages} · ${totalElements} ${noun}`),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', id: 'page-next', disabled: number + 1 >= totalPages, onclick: () => onPage(number + 1) }, 'Next ›'));
}

/** Announces a change that has no visible message of its own (new sort order, results). */
export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
