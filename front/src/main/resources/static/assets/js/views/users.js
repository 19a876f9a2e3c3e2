import { h } from '../dom.js';
import { query, request } from '../api.js';
import { can, currentUser } from '../session.js';
import { navigate } from '../router.js';
import { announce, deleteAfterConfirming, PAGE_SIZE, pager, sortableHeader } from '../ui.js';

/** Users and their roles; state in the URL like the domain list. */
export async function usersView({ query: params }) {
  const state = {
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? 'email,asc',
    page: Math.max(0, Number(params.get('page') ?? 1) - 1),
  };
  const go = (changes, focus) => {
    const next = { ...state, ...changes };
    navigate(`/users${query({ q: next.q, sort: next.sort === 'email,asc' ? '' : next.sort, page: next.page > 0 ? next.page + 1 : '' })}`, { focus });
  };

  const writable = can.writeUsers();
  const deletable = can.deleteUsers();
  const newButton = writable ? h('a', { href: '/users/new', class: 'btn btn-success', 'data-link': true, id: 'user-new' }, 'New user') : null;
  const header = h('div', { class: 'd-flex flex-wrap align-items-center justify-content-between gap-2 mb-3' },
    h('h1', { class: 'h3 mb-0' }, 'Users'), newButton);

  // users:write without users:read (USER_WRITE alone): may create users but not list them.
  if (!can.readUsers()) {
    return h('section', null, header, h('p', null, 'Your roles let you create users, not list them.'));
  }

  const { data } = await request('GET', `/users${query({ page: state.page, size: PAGE_SIZE, sort: state.sort, q: state.q })}`);
  const { content, page } = data;

  const search = h('input', { id: 'user-q', name: 'q', type: 'search', class: 'form-control', value: state.q, placeholder: 'E-mail or name' });
  const filters = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Search users' },
    h('div', { class: 'search' }, h('label', { for: 'user-q', class: 'form-label' }, 'Search'), search),
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'),
    state.q ? h('button', { type: 'button', class: 'btn btn-link', onclick: () => go({ q: '', page: 0 }, '#user-q') }, 'Clear') : null);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ q: search.value.trim(), page: 0 }, '#user-q');
  });
  if (state.q) announce(`${page.totalElements} users found`);

  const me = currentUser();
  const table = content.length === 0
    ? h('p', { class: 'text-body-secondary' }, 'No user matches this search.')
    : h('div', { class: 'table-responsive-md' }, h('table', { class: 'table align-middle responsive-table', id: 'users' },
      h('caption', { class: 'visually-hidden' }, 'Users'),
      h('thead', null, h('tr', null,
        sortableHeader('E-mail', 'email', state.sort, (sort) => go({ sort, page: 0 }, '#sort-email')),
        sortableHeader('First name', 'firstName', state.sort, (sort) => go({ sort, page: 0 }, '#sort-firstName')),
        sortableHeader('Last name', 'lastName', state.sort, (sort) => go({ sort, page: 0 }, '#sort-lastName')),
        h('th', { scope: 'col' }, 'Roles'),
        writable || deletable ? h('th', { scope: 'col', class: 'actions' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
      h('tbody', null, content.map((user) => h('tr', { 'data-user': user.email },
        h('td', { 'data-label': 'E-mail', class: 'text-break' }, user.email),
        h('td', { 'data-label': 'First name' }, user.firstName ?? ''),
        h('td', { 'data-label': 'Last name' }, user.lastName ?? ''),
        h('td', { 'data-label': 'Roles' }, user.roles.length
          ? user.roles.map((role) => h('span', { class: 'badge text-bg-secondary me-1' }, role))
          : h('span', { class: 'text-body-secondary' }, 'none')),
        writable || deletable ? h('td', { class: 'actions' },
          writable ? h('a', { href: `/users/${user.id}`, class: 'btn btn-sm btn-outline-primary me-2', 'data-link': true, 'aria-label': `Edit ${user.email}` }, 'Edit') : null,
          // Nobody deletes their own account from here: it would lock them out mid-session.
          deletable && user.id !== me.id ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', 'aria-label': `Delete ${user.email}`, onclick: () => deleteAfterConfirming('user', user.email, `/users/${user.id}`) }, 'Delete') : null) : null)))));

  return h('section', null, header, filters, table,
    content.length > 0 ? pager(page, 'users', (number) => go({ page: number }, number > state.page ? '#page-next' : '#page-previous')) : null);
}
