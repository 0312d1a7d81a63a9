/**
 * @mandate/client: the typed HTTP client of the Mandate runtime, shared by the studio (browser),
 * the CLI and tests. Built on `fetch`; no runtime dependencies.
 */
export { MandateClient, type MandateClientOptions, type TokenProvider } from './MandateClient.js';
export { MandateProblem } from './MandateProblem.js';
export type * from './types.js';
