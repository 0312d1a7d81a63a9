/**
 * @mandate/client: the typed HTTP client of the Mandate runtime, shared by the studio (browser),
 * the CLI and tests. Built on `fetch`; no runtime dependencies. The wire types it speaks are the
 * contract's (`@mandate/contract`, derived from the runtime's JSON Schemas), re-exported here.
 */
export { MandateClient, type IdempotencyOptions, type IdempotentResult, type MandateClientOptions, type TokenProvider } from './MandateClient.js';
export { MandateProblem, type MandateProblemCode, type Problem } from './MandateProblem.js';
export type * from '@mandate/contract';
