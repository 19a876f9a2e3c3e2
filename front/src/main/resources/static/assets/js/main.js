// Entry point: reads the run-time configuration, restores the session of this tab,
// then lets the router draw the screen for the current URL.

import { h } from './dom.js';
import { describe, loadConfig, onUnauthorized } from './api.js';
import { can, currentUser, isSignedIn, restore, signOut } from './session.js';
import { currentPath, navigate, route, startRouter } from './router.js';
import { personName } from './ui.js';
import { signInView } from './views/signin.js';
import { domainsView } from './views/domains.js';
import { domainFormView } from './views/domain-form.js';
import { usersView } from './views/users.js';
import { userFormView } from './views/user-form.js';

const SESSION_ENDED = {
  kind: 'warning',
  text: 'Your session has expired or was not accepted. Please sign in again.',
};

/** Back to sign-in, remembering where the person was so they can carry on. */
function endSession() {
  const here = currentPath();
  signOut();
  updateChrome();
  const next = here.startsWith('/signin') ? '' : `?next=${encodeURIComponent(here)}`;
  navigate(`/signin${next}`, { replace: true, flash: SESSION_ENDED });
}

/** The first screen this person's roles allow. */
function home() {
  if (can.readDomains()) return '/domains';
  if (can.readUsers() || can.writeUsers()) return '/users';
  return '/no-access';
}

/** Route guards: signed out → sign-in; signed in without the role → a page saying so. */
const signedIn = (allowed) => (url) => {
  if (!isSignedIn()) return { path: `/signin?next=${encodeURIComponent(url.pathname + url.search)}` };
  if (allowed && !allowed()) return { path: '/no-access' };
  return null;
};

route('/', () => null, { guard: () => ({ path: isSignedIn() ? home() : '/signin' }) });
route('/signin', (ctx) => signInView(ctx, {
  onExpiry: endSession,
  onSignedIn: (next) => {
    updateChrome();
    navigate(next === '/' ? home() : next, { replace: true });
  },
}), { guard: () => (isSignedIn() ? { path: home() } : null) });
route('/domains', domainsView, { guard: signedIn(can.readDomains) });
route('/domains/new', domainFormView, { guard: signedIn(can.writeDomains) });
route('/domains/:id', domainFormView, { guard: signedIn(can.writeDomains) });
route('/users', usersView, { guard: signedIn(() => can.readUsers() || can.writeUsers()) });
route('/users/new', userFormView, { guard: signedIn(can.writeUsers) });
route('/users/:id', userFormView, { guard: signedIn(() => can.readUsers() && can.writeUsers()) });
route('/no-access', () => h('section', null,
  h('h1', { class: 'h3' }, 'No access'),
  h('p', null, 'Your account has no role that lets you see this page. Ask an administrator for one.')),
{ guard: signedIn() });
route('', () => h('section', null,
  h('h1', { class: 'h3' }, 'Page not found'),
  h('p', null, 'There is nothing at this address. ', h('a', { href: '/', 'data-link': true }, 'Go to the start page'), '.')),
{ notFound: true });

/** The header: who is signed in, sign-out, and only the menu entries their roles allow. */
function updateChrome() {
  const me = currentUser();
  document.getElementById('menu').hidden = !me;
  document.getElementById('account').hidden = !me;
  document.querySelector('[data-nav="domains"]').parentElement.hidden = !can.readDomains();
  document.getElementById('menu-users').hidden = !(can.readUsers() || can.writeUsers());
  const whoami = document.getElementById('whoami');
  whoami.replaceChildren();
  if (me) {
    whoami.append('Signed in as ', h('strong', { class: 'text-body' }, personName(me)), ` (${me.roles.join(', ') || 'no roles'})`);
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  updateChrome();
  navigate('/signin', { flash: { kind: 'info', text: 'You are signed out.' } });
});

async function start() {
  try {
    await loadConfig();
  } catch (error) {
    document.getElementById('view').replaceChildren(h('div', { class: 'alert alert-danger', role: 'alert' },
      'DomainDesk cannot start: its configuration did not load. Reload the page to try again.'));
    throw error;
  }
  let message;
  try {
    await restore(endSession);
  } catch (error) {
    // A token kept from earlier in this tab was refused (expired, or the key rotated).
    signOut();
    message = error.status === 401 ? SESSION_ENDED : { kind: 'danger', text: describe(error) };
  }
  onUnauthorized(endSession);
  updateChrome();
  await startRouter(message);
}

start();
