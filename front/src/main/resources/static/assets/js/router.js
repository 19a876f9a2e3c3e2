// Client-side routes with the History API: real URLs (/domains/42) that survive a
// reload or a bookmark, because the front server answers every such path with index.html.

import { h } from './dom.js';
import { describe } from './api.js';

const routes = [];
let renderCount = 0;
let pendingFocus = null;

/**
 * route('/domains/:id', view, {guard}): view(ctx) returns a Node (or a Promise of one);
 * guard(url) may return {path} to go elsewhere first. {notFound: true} marks the fallback.
 */
export function route(path, view, options = {}) {
  const names = [];
  const pattern = options.notFound
    ? null
    : new RegExp(`^${path.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}/?$`);
  routes.push({ pattern, names, view, ...options });
}

/**
 * Goes to a path inside the app. Options: replace (no new history entry), flash
 * ({kind, text} shown and announced after the next screen appears), focus (a selector
 * to focus instead of the heading, to keep the keyboard where it was).
 */
export function navigate(path, { replace = false, flash, focus } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  pendingFocus = focus ?? null;
  return render(flash);
}

export function currentPath() {
  return location.pathname + location.search;
}

/** Starts following links and the back button, and draws the current URL. */
export function startRouter(message) {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
  window.addEventListener('popstate', () => render());
  return render(message);
}

/** Shows a message in the live region: read out by screen readers, seen by everyone. */
export function flash(message) {
  const region = document.getElementById('flash');
  region.replaceChildren();
  if (!message) return;
  region.append(h('div', { class: `alert alert-${message.kind ?? 'success'} mb-3` }, message.text));
}

async function render(message) {
  const count = ++renderCount;
  const view = document.getElementById('view');
  // Assistive technology (and the browser tests) wait for aria-busy="false".
  view.setAttribute('aria-busy', 'true');
  const url = new URL(location.href);
  const match = findRoute(url.pathname);
  flash(null);
  let node;
  try {
    const redirect = match.route.guard?.(url);
    if (redirect) {
      return navigate(redirect.path, { replace: true, flash: redirect.flash ?? message });
    }
    node = await match.route.view({ params: match.params, query: url.searchParams });
  } catch (error) {
    if (count !== renderCount) return; // a newer navigation (e.g. a 401 redirect) won
    console.error(error);
    node = h('div', { class: 'alert alert-danger', role: 'alert' }, h('h1', { class: 'h5' }, 'This page cannot be shown'), describe(error));
  }
  if (count !== renderCount) return;
  view.replaceChildren(node);
  view.setAttribute('aria-busy', 'false');
  const heading = document.querySelector('#view h1');
  document.title = heading ? `${heading.textContent} · DomainDesk` : 'DomainDesk';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (url.pathname.startsWith(`/${link.dataset.nav}`)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  flash(message);
  // Focus moves to the new screen's heading, as a page load would, unless the
  // screen asked to keep it on a control (sorting, paging, searching).
  const target = (pendingFocus && document.querySelector(pendingFocus)) || heading;
  pendingFocus = null;
  if (target) {
    if (target === heading) heading.setAttribute('tabindex', '-1');
    target.focus();
  }
}

function findRoute(pathname) {
  for (const candidate of routes.filter((r) => r.pattern)) {
    const found = candidate.pattern.exec(pathname);
    if (found) {
      const params = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { route: candidate, params };
    }
  }
  return { route: routes.find((r) => r.notFound), params: {} };
}
