// Who is signed in and what their roles let them do. The API enforces every rule;
// the UI only uses them to not offer controls that would be refused.

import { request, token } from './api.js';

let me = null;
let expiryTimer = null;

export function currentUser() {
  return me;
}

export function isSignedIn() {
  return me !== null;
}

function hasAny(...roles) {
  return me !== null && roles.some((role) => me.roles.includes(role));
}

export const can = {
  readDomains: () => hasAny('ADMIN', 'DOMAIN_READ', 'DOMAIN_WRITE'),
  writeDomains: () => hasAny('ADMIN', 'DOMAIN_WRITE'),
  readUsers: () => hasAny('ADMIN', 'USER_READ'),
  writeUsers: () => hasAny('ADMIN', 'USER_WRITE'),
  deleteUsers: () => hasAny('ADMIN'),
};

export async function signIn(email, password, onExpiry) {
  const { data } = await request('POST', '/auth/token', { body: { email, password }, anonymous: true });
  token.set(data.accessToken, data.expiresIn);
  await restore(onExpiry);
}

/** After a reload: the token is still in sessionStorage, ask the API who it belongs to. */
export async function restore(onExpiry) {
  if (!token.get()) return false;
  me = (await request('GET', '/users/me')).data;
  clearTimeout(expiryTimer);
  // setTimeout overflows past 2^31 ms (about 24 days) and would fire at once.
  const delay = Math.min(Math.max(0, token.expiresAt() - Date.now()), 2 ** 31 - 1);
  expiryTimer = setTimeout(onExpiry, delay);
  return true;
}

export function signOut() {
  clearTimeout(expiryTimer);
  token.clear();
  me = null;
}
