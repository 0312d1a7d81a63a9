/**
 * Rate limits (express-rate-limit over {@link SharedRateLimitStore}, so every runtime instance on
 * the database counts together). Two budgets per window:
 * - per principal (`iss|sub`): every authenticated request; generous, so a busy service or the
 *   benchmark is never refused, but a runaway client is;
 * - per address: requests that prove no identity (a dev token asked for, a token that does not
 *   verify); strict, since that is where guessing and flooding come from. A request with a valid
 *   token never counts against its address, so many people behind one proxy do not share it.
 * Over budget: 429 problem+json `RATE_LIMITED` with `Retry-After` (seconds) and the draft-7
 * `RateLimit` headers.
 */
import type { Logger } from 'pino';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RateLimitCounter } from '@mandate/store';
import { principalOf } from '../identity/principalOf.js';
import { UnauthenticatedError } from '@mandate/problems';
import { sendProblem } from './problemMiddleware.js';
import { SharedRateLimitStore } from './SharedRateLimitStore.js';

/** The budgets (`0` turns one off), and how many proxies in front of the runtime to trust for the client's address. */
export interface RateLimitSettings {
  windowSeconds: number;
  perPrincipal: number;
  perAddress: number;
  /** express's `trust proxy` hop count: 0 takes the socket's address, 1 the address the nearest proxy saw in `X-Forwarded-For`. */
  trustProxyHops: number;
}

/** Per minute: 120,000 requests (2,000 a second) for one principal, 100 unauthenticated requests for one address. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { windowSeconds: 60, perPrincipal: 120_000, perAddress: 100, trustProxyHops: 0 };

/** The settings from `MANDATE_RATE_LIMIT_*`, or every problem found (each a sentence naming its variable). */
export function rateLimitSettingsFromEnv(env: Record<string, string | undefined>): { ok: true; settings: RateLimitSettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim() || String(fallback);
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) errors.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return value;
  };
  const settings = {
    windowSeconds: read('MANDATE_RATE_LIMIT_WINDOW_SECONDS', DEFAULT_RATE_LIMITS.windowSeconds, 1, 3600),
    perPrincipal: read('MANDATE_RATE_LIMIT_PER_PRINCIPAL', DEFAULT_RATE_LIMITS.perPrincipal, 0, 100_000_000),
    perAddress: read('MANDATE_RATE_LIMIT_PER_ADDRESS', DEFAULT_RATE_LIMITS.perAddress, 0, 100_000_000),
    trustProxyHops: read('MANDATE_TRUST_PROXY', DEFAULT_RATE_LIMITS.trustProxyHops, 0, 10),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** The limiters of one app: `principal` after authentication, `address` where no identity was proven. */
export interface RateLimiters {
  principal: RequestHandler;
  address: RequestHandler;
  /** Sends the counts not yet shared (tests). */
  flush: () => Promise<void>;
}

const pass: RequestHandler = (_req, _res, next) => next();

/** Builds the limiters over the database's shared counters. */
export function createRateLimiters(counter: RateLimitCounter, settings: RateLimitSettings, logger: Logger): RateLimiters {
  const stores: SharedRateLimitStore[] = [];
  const limiter = (prefix: string, limit: number, key: (req: Request, res: Response) => string): RequestHandler => {
    if (limit === 0) return pass;
    const store = new SharedRateLimitStore(counter, { prefix, onError: (err) => logger.warn({ err }, `rate limits: sharing the ${prefix} counts failed; this instance limits on its own counts for now`) });
    stores.push(store);
    return rateLimit({
      windowMs: settings.windowSeconds * 1000,
      limit,
      store,
      keyGenerator: key,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // The address is express's `req.ip`: behind a proxy, set MANDATE_TRUST_PROXY so it is the client's.
      validate: { xForwardedForHeader: false },
      logger: { error: (...args: unknown[]) => logger.error({ args }, 'rate limits'), warn: (...args: unknown[]) => logger.warn({ args }, 'rate limits') },
      handler: (_req, res, _next, options) => {
        sendProblem(res, 'RATE_LIMITED', `more than ${options.limit as number} requests in ${settings.windowSeconds} s; retry after the Retry-After header's seconds`, { retryAfterSeconds: Number(res.getHeader('Retry-After')) });
      },
    });
  };
  return {
    principal: limiter('principal:', settings.perPrincipal, (_req, res) => {
      const principal = principalOf(res);
      return `${principal.issuer}|${principal.id}`;
    }),
    address: limiter('address:', settings.perAddress, (req) => ipKeyGenerator(req.ip ?? 'unknown')),
    flush: async () => {
      await Promise.all(stores.map((s) => s.flush()));
    },
  };
}

/**
 * Wraps an authenticate step: a request whose identity fails counts against its address (and is
 * 429 once the address is over budget, else the identity's 401), one that passes counts against
 * its principal.
 */
export function rateLimitedAuthentication(authenticate: (req: Request, res: Response) => Promise<void>, limiters: RateLimiters): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await authenticate(req, res);
    } catch (error) {
      // An identity provider that is down (503) is no client's fault: only refusals count.
      if (!(error instanceof UnauthenticatedError)) throw error;
      return limiters.address(req, res, () => next(error));
    }
    return limiters.principal(req, res, next);
  };
}
