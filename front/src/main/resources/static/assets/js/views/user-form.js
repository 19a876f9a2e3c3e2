import { h } from '../dom.js';
import { request } from '../api.js';
import { navigate } from '../router.js';
import { errorSummary, field, onSave } from '../ui.js';

/** Create (/users/new) or edit (/users/:id) a user and their roles. */
export async function userFormView({ params }) {
  const editing = params.id !== undefined;
  const [{ data: roles }, loaded] = await Promise.all([
    request('GET', '/roles'),
    editing ? request('GET', `/users/${encodeURIComponent(params.id)}`) : Promise.resolve(null),
  ]);
  const user = loaded?.data ?? { email: '', firstName: '', lastName: '', roles: [] };
  const etag = loaded?.etag ?? null;

  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, editing ? 'Save changes' : 'Create user');
  const roleBoxes = h('fieldset', { class: 'mb-3 role-list', 'aria-describedby': 'roles-error' },
    h('legend', { class: 'form-label fs-6' }, 'Roles'),
    roles.map((role) => {
      const id = `role-${role.name}`;
      return h('div', { class: 'form-check' },
        h('input', { class: 'form-check-input', type: 'checkbox', id, value: role.name, 'data-role': true, checked: user.roles.includes(role.name), 'aria-describedby': `${id}-desc` }),
        h('label', { class: 'form-check-label', for: id }, role.name),
        h('div', { class: 'form-text mt-0', id: `${id}-desc` }, role.description ?? ''));
    }),
    // The API reports errors on "roles" as a whole: this named stand-in receives them.
    h('input', { type: 'hidden', name: 'roles', id: 'roles' }),
    h('div', { id: 'roles-error', class: 'invalid-feedback d-block' }));

  const form = h('form', { class: 'form-narrow', novalidate: true, 'aria-labelledby': 'user-form-title' },
    summary,
    field({ label: 'E-mail', name: 'email', type: 'email', value: user.email, required: true, attrs: { autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' } }),
    h('div', { class: 'row' },
      h('div', { class: 'col-sm' }, field({ label: 'First name', name: 'firstName', value: user.firstName, required: true })),
      h('div', { class: 'col-sm' }, field({ label: 'Last name', name: 'lastName', value: user.lastName, required: true }))),
    field({
      label: editing ? 'New password' : 'Password',
      name: 'password',
      type: 'password',
      required: !editing,
      hint: editing ? 'Leave empty to keep the current password.' : null,
      attrs: { autocomplete: 'new-password' },
    }),
    roleBoxes,
    h('div', { class: 'd-flex gap-2' },
      submit,
      h('a', { href: '/users', class: 'btn btn-outline-secondary', 'data-link': true }, 'Cancel')));

  onSave(form, submit, async () => {
    const values = {
      email: form.elements.email.value.trim(),
      firstName: form.elements.firstName.value.trim(),
      lastName: form.elements.lastName.value.trim(),
      roles: [...form.querySelectorAll('[data-role]:checked')].map((box) => box.value),
    };
    const password = form.elements.password.value;
    if (password || !editing) values.password = password;
    if (editing) await request('PATCH', `/users/${user.id}`, { body: values, etag });
    else await request('POST', '/users', { body: values });
    navigate('/users', { flash: { text: `User ${values.email} ${editing ? 'saved' : 'created'}.` } });
  });

  return h('section', null,
    h('h1', { class: 'h3 mb-3', id: 'user-form-title' }, editing ? `Edit ${user.email}` : 'New user'),
    form);
}
