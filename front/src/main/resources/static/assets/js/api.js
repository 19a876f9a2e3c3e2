// Talks to the DomainDesk REST API. Its base URL comes from /config.json, written by
// the front server from its API_URL environment variable: one build for every
// environment. The token lives in sessionStorage (this tab only, gone when it closes);
// never in a cookie (the API does not read cookies, so no CSRF) nor in localStorage.

const TOKEN_KEY = 'domaindesk.token';

let apiUrl = '/api/v1';
let unauthorizedHandler = () => {};

export async function loadConfig() {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`Cannot load /config.json (${response.status})`);
  apiUrl = (await response.json()).apiUrl;
}

export const token = {
  get() {
    const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
    return stored && stored.expiresAt > Date.now() ? stored.value : null;
  },
  expiresAt() {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null')?.expiresAt ?? 0;
  },
  set(value, expiresInSeconds) {
    const expiresAt = Date.now() + expiresInSeconds * 1000;
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ value, expiresAt }));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Called once per rejected token (HTTP 401), to send the person back to sign-in. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** An answer other than 2xx, with the API's problem+json (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title;
    this.detail = problem.detail;
    /** [{field, message}] for validation errors. */
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/**
 * request('GET', '/domains?page=0') → {data, etag}; throws ApiError.
 * etag is sent as If-Match, so a stale edit is refused (412) instead of overwriting.
 */
export async function request(method, path, { body, etag, anonymous = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = anonymous ? null : token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (etag) headers['If-Match'] = etag;

  let response;
  try {
    response = await fetch(apiUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // Offline, DNS, or a CORS refusal: the browser tells scripts nothing more.
    throw new ApiError(0, {
      title: 'API unreachable',
      detail: 'The DomainDesk service cannot be reached. Check your connection and try again.',
    });
  }

  const data = await readBody(response);
  if (!response.ok) {
    const error = new ApiError(response.status, data && typeof data === 'object' ? data : {});
    if (response.status === 401 && !anonymous) unauthorizedHandler(error);
    throw error;
  }
  return { data, etag: response.headers.get('ETag') };
}

async function readBody(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 204 || !type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** A sentence for a person, for errors not tied to one form field. */
export function describe(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Reload the page and try again.';
  switch (error.status) {
    case 0:
      return error.detail;
    case 403:
      return error.detail || 'You are not allowed to do this.';
    case 404:
      return error.detail || 'It does not exist any more; someone may have deleted it.';
    case 412:
      return 'Someone else changed this meanwhile. Reload the page to see their changes, then edit again.';
    default:
      if (error.status >= 500) return 'The server had a problem. Please try again in a moment.';
      return error.detail || error.title || `The request failed (HTTP ${error.status}).`;
  }
}

/** Builds a query string, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
