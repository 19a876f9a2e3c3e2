// Who is signed in and what their permissions let them do. The API enforces every rule;
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

/**
 * The back computes the caller's permissions from its one role table and sends them
 * with /users/me, so the UI never keeps a copy of which role may do what.
 */
function has(permission) {
  return me !== null && Array.isArray(me.permissions) && me.permissions.includes(permission);
}

export const can = {
  readDomains: () => has('domains:read'),
  writeDomains: () => has('domains:write'),
  readUsers: () => has('users:read'),
  writeUsers: () => has('users:write'),
  deleteUsers: () => has('users:delete'),
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
