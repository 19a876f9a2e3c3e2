import { h } from '../dom.js';
import { query, request } from '../api.js';
import { can, currentUser } from '../session.js';
import { navigate } from '../router.js';
import { errorSummary, field, onSave, personName } from '../ui.js';

/** Create (/domains/new) or edit (/domains/:id) a domain. */
export async function domainFormView({ params }) {
  const editing = params.id !== undefined;
  let domain = { name: '', registrar: '', expiresAt: '', notes: '', owner: currentUser() };
  let etag = null;
  if (editing) {
    ({ data: domain, etag } = await request('GET', `/domains/${encodeURIComponent(params.id)}`));
  }

  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, editing ? 'Save changes' : 'Create domain');
  // novalidate: the API is the one judge of what is valid; its answer is shown per field.
  const form = h('form', { class: 'form-narrow', novalidate: true, 'aria-labelledby': 'domain-form-title' },
    summary,
    field({ label: 'Domain name', name: 'name', value: domain.name, required: true, hint: 'Lower case, fully qualified, e.g. example.com (internationalised names in punycode: xn--...)', attrs: { autocapitalize: 'none', spellcheck: 'false', autocomplete: 'off' } }),
    field({ label: 'Registrar', name: 'registrar', value: domain.registrar, required: true }),
    field({ label: 'Expires on', name: 'expiresAt', type: 'date', value: domain.expiresAt, required: true }),
    await ownerField(domain.owner),
    field({ label: 'Notes', name: 'notes', type: 'textarea', value: domain.notes }),
    h('div', { class: 'd-flex gap-2' },
      submit,
      h('a', { href: '/domains', class: 'btn btn-outline-secondary', 'data-link': true }, 'Cancel')));

  onSave(form, submit, async () => {
    const values = {
      name: form.elements.name.value.trim(),
      registrar: form.elements.registrar.value.trim(),
      expiresAt: form.elements.expiresAt.value || null,
      ownerId: Number(form.elements.ownerId.value) || null,
      // An empty string clears the notes (the API keeps a field that is null or absent).
      notes: form.elements.notes.value.trim(),
    };
    if (editing) await request('PATCH', `/domains/${domain.id}`, { body: values, etag });
    else await request('POST', '/domains', { body: values });
    navigate('/domains', { flash: { text: `Domain ${values.name} ${editing ? 'saved' : 'created'}.` } });
  });

  return h('section', null,
    h('h1', { class: 'h3 mb-3', id: 'domain-form-title' }, editing ? `Edit ${domain.name}` : 'New domain'),
    form);
}

/**
 * People who may list users choose the owner; everyone else owns what they create
 * (the API would refuse them the user list, so it is not asked for).
 */
async function ownerField(owner) {
  // Without users:read the owner may be only an id (see personName).
  const label = (user) => (user.email ? `${personName(user)} <${user.email}>` : personName(user));
  if (!can.readUsers()) {
    return h('div', { class: 'mb-3' },
      h('span', { class: 'form-label d-block' }, 'Owner'),
      h('span', { id: 'owner-text' }, owner ? label(owner) : ''),
      h('input', { type: 'hidden', name: 'ownerId', value: owner?.id ?? '' }));
  }
  const { data } = await request('GET', `/users${query({ size: 100, sort: 'email,asc' })}`);
  const users = data.content;
  if (owner && !users.some((user) => user.id === owner.id)) users.unshift(owner);
  return h('div', { class: 'mb-3' },
    h('label', { for: 'domain-owner', class: 'form-label' }, 'Owner', h('span', { 'aria-hidden': 'true' }, ' *')),
    h('select', { id: 'domain-owner', name: 'ownerId', class: 'form-select', required: true },
      users.map((user) => h('option', { value: user.id, selected: owner?.id === user.id }, label(user)))),
    h('div', { id: 'domain-owner-error', class: 'invalid-feedback' }));
}
