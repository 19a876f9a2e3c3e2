import { h } from '../dom.js';
import { query, request } from '../api.js';
import { can } from '../session.js';
import { navigate } from '../router.js';
import { announce, deleteAfterConfirming, PAGE_SIZE, pager, personName, sortableHeader } from '../ui.js';

/** Expiry dates this close are highlighted; the filter suggests the same number. */
const SOON_DAYS = 30;

/**
 * The domain list. Its state (search, filter, sort, page) lives in the URL, so the
 * back button, a reload and a shared link all show the same list.
 */
export async function domainsView({ query: params }) {
  const state = {
    q: params.get('q') ?? '',
    days: params.get('days') ?? '',
    sort: params.get('sort') ?? 'name,asc',
    page: Math.max(0, Number(params.get('page') ?? 1) - 1),
  };
  const go = (changes, focus) => {
    const next = { ...state, ...changes };
    navigate(`/domains${query({ q: next.q, days: next.days, sort: next.sort === 'name,asc' ? '' : next.sort, page: next.page > 0 ? next.page + 1 : '' })}`, { focus });
  };

  const { data } = await request('GET', `/domains${query({
    page: state.page, size: PAGE_SIZE, sort: state.sort, q: state.q, expiringWithinDays: state.days,
  })}`);
  const { content, page } = data;
  if (content.length === 0 && state.page > 0 && page.totalPages > 0) {
    // Past the last page (its last domain was just deleted, or an old link): go to the last one.
    go({ page: page.totalPages - 1 });
    return h('p', null, 'Loading…');
  }

  const search = h('input', { id: 'domain-q', name: 'q', type: 'search', class: 'form-control', value: state.q, placeholder: 'Name, registrar or notes' });
  const days = h('input', { id: 'domain-days', name: 'days', type: 'number', min: 0, max: 3650, inputmode: 'numeric', class: 'form-control days', value: state.days, 'aria-describedby': 'domain-days-hint' });
  const filters = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Filter domains' },
    h('div', { class: 'search' }, h('label', { for: 'domain-q', class: 'form-label' }, 'Search'), search),
    h('div', null,
      h('label', { for: 'domain-days', class: 'form-label' }, 'Expiring within'),
      h('div', { class: 'd-flex align-items-center gap-2' }, days, h('span', { id: 'domain-days-hint' }, 'days'))),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'domain-filter' }, 'Apply'),
    h('button', { type: 'button', class: 'btn btn-outline-secondary', id: 'domain-expiring', onclick: () => go({ days: String(SOON_DAYS), page: 0 }, '#domain-expiring') }, `Expiring within ${SOON_DAYS} days`),
    state.q || state.days
      ? h('button', { type: 'button', class: 'btn btn-link', id: 'domain-clear', onclick: () => go({ q: '', days: '', page: 0 }, '#domain-q') }, 'Clear filters')
      : null);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ q: search.value.trim(), days: days.value, page: 0 }, '#domain-q');
  });

  const writable = can.writeDomains();
  const table = content.length === 0
    ? h('p', { class: 'text-body-secondary', id: 'domains-empty' }, state.q || state.days ? 'No domain matches these filters.' : 'No domains yet.')
    : h('div', { class: 'table-responsive-md' }, h('table', { class: 'table align-middle responsive-table', id: 'domains' },
      h('caption', { class: 'visually-hidden' }, 'Domains'),
      h('thead', null, h('tr', null,
        sortableHeader('Name', 'name', state.sort, (sort) => go({ sort, page: 0 }, '#sort-name')),
        sortableHeader('Registrar', 'registrar', state.sort, (sort) => go({ sort, page: 0 }, '#sort-registrar')),
        sortableHeader('Expires', 'expiresAt', state.sort, (sort) => go({ sort, page: 0 }, '#sort-expiresAt')),
        h('th', { scope: 'col' }, 'Owner'),
        writable ? h('th', { scope: 'col', class: 'actions' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
      h('tbody', null, content.map((domain) => row(domain, writable)))));

  if (state.q || state.days) announce(`${page.totalElements} domains found`);

  return h('section', null,
    h('div', { class: 'd-flex flex-wrap align-items-center justify-content-between gap-2 mb-3' },
      h('h1', { class: 'h3 mb-0' }, 'Domains'),
      writable ? h('a', { href: '/domains/new', class: 'btn btn-success', 'data-link': true, id: 'domain-new' }, 'New domain') : null),
    filters,
    table,
    page.totalPages > 1 || content.length > 0 ? pager(page, 'domains', (number) => go({ page: number }, number > state.page ? '#page-next' : '#page-previous')) : null);
}

function row(domain, writable) {
  const days = daysUntil(domain.expiresAt);
  const expiry = expiryBadge(days);
  const owner = domain.owner ? personName(domain.owner) : '';
  return h('tr', { class: days < 0 ? 'table-danger' : days <= SOON_DAYS ? 'table-warning' : null, 'data-domain': domain.name },
    h('td', { 'data-label': 'Name' }, h('span', { class: 'fw-semibold text-break' }, domain.name)),
    h('td', { 'data-label': 'Registrar' }, domain.registrar ?? ''),
    h('td', { 'data-label': 'Expires' }, h('time', { datetime: domain.expiresAt }, domain.expiresAt), expiry),
    h('td', { 'data-label': 'Owner' }, owner),
    writable ? h('td', { class: 'actions' },
      h('a', { href: `/domains/${domain.id}`, class: 'btn btn-sm btn-outline-primary me-2', 'data-link': true, 'aria-label': `Edit ${domain.name}` }, 'Edit'),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', 'aria-label': `Delete ${domain.name}`, onclick: () => deleteAfterConfirming('domain', domain.name, `/domains/${domain.id}`) }, 'Delete')) : null);
}

/** Whole days from today (the person's calendar) to an ISO date such as 2027-01-31. */
function daysUntil(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.UTC(year, month - 1, day) - start) / 86_400_000);
}

/** Not by colour alone: the badge says it in words too. */
function expiryBadge(days) {
  if (days < 0) return h('span', { class: 'badge text-bg-danger expiry-expired' }, `Expired ${-days} ${-days === 1 ? 'day' : 'days'} ago`);
  if (days === 0) return h('span', { class: 'badge text-bg-danger expiry-expired' }, 'Expires today');
  if (days <= SOON_DAYS) return h('span', { class: 'badge text-bg-warning expiry-soon' }, `In ${days} ${days === 1 ? 'day' : 'days'}`);
  return null;
}
