import { h } from '../dom.js';
import { describe } from '../api.js';
import { signIn } from '../session.js';
import { field } from '../ui.js';

/** The sign-in screen. After success: the page asked for (?next=) or the home screen. */
export function signInView({ query }, { onSignedIn, onExpiry }) {
  const error = h('div', { class: 'alert alert-danger', role: 'alert', id: 'signin-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary w-100' }, 'Sign in');
  const form = h('form', { class: 'card card-body', 'aria-labelledby': 'signin-title' },
    error,
    field({ label: 'E-mail', name: 'email', type: 'email', required: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await signIn(email, password, onExpiry);
      onSignedIn(safeNext(query.get('next')));
    } catch (failure) {
      error.textContent = failure.status === 401
        ? 'Wrong e-mail or password. Please try again.'
        : describe(failure);
      error.hidden = false;
      form.elements.password.value = '';
      form.elements.password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });

  return h('section', { class: 'signin' },
    h('h1', { class: 'h3 mb-3', id: 'signin-title' }, 'Sign in to DomainDesk'),
    form);
}

/** Only paths of this app: ?next=https://evil.example must not redirect away. */
function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/';
}
