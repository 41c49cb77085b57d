// CORS for the test servers, so that FhirRestStore and SmartAuth can reach them from a page in
// Chromium (the browser tests); Node clients ignore the headers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Lets any origin call the server with the headers FhirRestStore and SmartAuth send, and exposes
 * the headers they read. Answers a preflight (OPTIONS) itself and returns true then.
 */
export function allowCrossOrigin(request: IncomingMessage, response: ServerResponse): boolean {
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('access-control-expose-headers', 'etag, location, retry-after, content-location, last-modified');
  if (request.method !== 'OPTIONS') return false;
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, accept, if-match, if-none-exist, if-none-match, prefer, cache-control',
    'access-control-max-age': '600',
  });
  response.end();
  return true;
}
