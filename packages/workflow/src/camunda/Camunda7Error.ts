import { UnprocessableError } from '@mandate/problems';

/**
 * A definitive answer from Camunda 7 that retrying will not change: a 4xx with Camunda's error
 * body (`{ type, message, code? }`, see the REST reference's "Error Handling"), e.g. an invalid
 * variable (400), a missing authorization (403) or an ambiguous message correlation (400).
 * Transient failures are {@link WorkflowUnavailableError} instead; a 5xx is wrapped in one as its
 * `cause`. Its problem code is `WORKFLOW_ENGINE_REFUSED`; Camunda's own numeric code is
 * `camundaCode`.
 */
export class Camunda7Error extends UnprocessableError {
  override name = 'Camunda7Error';
  declare readonly code: 'WORKFLOW_ENGINE_REFUSED';

  constructor(
    /** The HTTP status Camunda answered with. */
    readonly status: number,
    /** Camunda's exception type, e.g. `InvalidRequestException`, `RestException`; `HttpError` when the body was not Camunda's. */
    readonly type: string,
    /** Camunda's message, unchanged. */
    readonly camundaMessage: string,
    /** Camunda's error code (7.19+; 0 unless a built-in or custom code applies). */
    readonly camundaCode?: number,
  ) {
    super('WORKFLOW_ENGINE_REFUSED', `Camunda ${status} ${type}: ${camundaMessage}`);
  }
}
