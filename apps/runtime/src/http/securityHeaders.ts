/**
 * Security headers (helmet) for every answer. The API answers JSON and problem documents only, so
 * its Content-Security-Policy allows nothing at all (`default-src 'none'`): a response that a
 * browser is tricked into rendering runs no script and loads nothing. The studio's pages and
 * assets get {@link STUDIO_CONTENT_SECURITY_POLICY} instead. Both forbid framing (`frame-ancestors 'none'`, and
 * `X-Frame-Options: DENY` for older browsers), send `nosniff` and no referrer.
 */
import helmet, { type HelmetOptions } from 'helmet';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

const common: HelmetOptions = {
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xContentTypeOptions: true,
};

/** The headers of API answers, problems and 404s included. */
export function securityHeaders(): RequestHandler {
  return helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  });
}

/**
 * The studio's CSP: its own bundle and stylesheet (Vite emits no inline script or style), its own
 * API, the `data:` favicon. No inline script and no other origin. Two decisions, on purpose:
 * - `script-src 'unsafe-eval'`: the decision and definition forms validate with ajv, which compiles
 *   each schema (from published definitions, not from a visitor) into a function; without it no
 *   form validates. Inline and foreign scripts stay refused, which is what stops injected markup.
 * - no `style-src 'unsafe-inline'`: React and rjsf set `style` props through the CSSOM, which the
 *   CSP does not govern. MUI's styles come from emotion, which adds empty `<style>` elements and
 *   fills them through the CSSOM (`insertRule`); the one hash allowed is that of the empty string,
 *   so those empty elements load and any `<style>` with content (injected markup) stays refused.
 * The other headers are the API's (helmet, {@link securityHeaders}); only this one is replaced.
 */
/** The CSP hash of an empty inline stylesheet (SHA-256 of ""): emotion's `<style>` elements before their rules arrive through the CSSOM. */
export const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export const STUDIO_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  `style-src 'self' '${EMPTY_STYLE_HASH}'`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Replaces the API's CSP with the studio's on a studio page or asset. */
export function setStudioContentSecurityPolicy(res: Pick<ServerResponse, 'setHeader'>): void {
  res.setHeader('Content-Security-Policy', STUDIO_CONTENT_SECURITY_POLICY);
}
