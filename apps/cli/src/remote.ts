import { MandateClient, MandateProblem } from '@mandate/client';
import { UsageError } from './usageError.js';

/** How a command reaches a runtime: its URL and a bearer token (`--token`, else `MANDATE_TOKEN`). */
export interface RemoteOptions {
  remote: string;
  token?: string;
}

/** A client of the runtime at `--remote`; a usage error for a URL that is not http(s). */
export function remoteClient(options: RemoteOptions): MandateClient {
  let url: URL;
  try {
    url = new URL(options.remote);
  } catch {
    throw new UsageError(`--remote ${options.remote} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--remote ${options.remote} is not an http(s) URL`);
  const token = options.token ?? process.env.MANDATE_TOKEN;
  return new MandateClient({ baseUrl: url, ...(token ? { token } : {}) });
}

/**
 * A refusal of the runtime (a problem) or a failure to reach it, as one line for stderr: the
 * problem's status, stable code and detail, or the network error. Anything else is rethrown.
 */
export function remoteFailure(error: unknown, remote: string): string {
  if (error instanceof MandateProblem) return `${remote} answered ${error.status} ${error.code}: ${error.detail}`;
  if (error instanceof TypeError) return `cannot reach ${remote}: ${error.cause instanceof Error ? error.cause.message : error.message}`;
  throw error;
}
