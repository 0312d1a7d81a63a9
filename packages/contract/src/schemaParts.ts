/**
 * Schema fragments that requests and responses share: codes, principal references, external ids,
 * instants. Each is a JSON Schema `as const`, so the types derived from the schemas that use them
 * stay exact.
 */

/** A stable SCREAMING_SNAKE code: a task type, decision, reason or action code. */
export const code = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,79}$' } as const;
/** A person (`sub`, or `iss|sub`). */
export const reference = { type: 'string', pattern: '^[A-Za-z0-9_.@|:/-]{1,200}$' } as const;
/** A principal named in a body; its canonical form and pattern are checked where it is used (`principalIdInput`). */
export const principalId = { type: 'string', minLength: 1, maxLength: 255 } as const;
/** An id from another system: a business object, business key or workflow reference. */
export const externalId = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,120}$' } as const;
/** A work item's id (a UUID). */
export const workItemId = { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } as const;
/** A candidate group, e.g. `regional-sales-directors`. */
export const candidateGroup = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,79}$' } as const;
/** An integer as query text. */
export const integerText = { type: 'string', pattern: '^-?[0-9]{1,9}$' } as const;
/** An RFC 3339 instant with an offset; the format checks that it exists (no month 13, no 24:00). */
export const instantText = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$', format: 'instant' } as const;
/** An instant the runtime writes: ISO 8601, UTC. */
export const instant = { type: 'string', format: 'date-time' } as const;
/** An instant the runtime writes, or null where it has not happened. */
export const instantOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
/** A string, or null where there is none. */
export const stringOrNull = { type: ['string', 'null'] } as const;
/** A list of strings. */
export const strings = { type: 'array', items: { type: 'string' } } as const;
/** A JSON object whose members the contract does not fix (evidence, snapshots, payloads). */
export const anyObject = { type: 'object' } as const;

/** A definition id (SCREAMING_SNAKE), a version number, and the same as path or query text. */
export const definitionId = { type: 'string', pattern: '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$', maxLength: 80 } as const;
export const definitionVersion = { type: 'integer', minimum: 1, maximum: 100000 } as const;
export const versionText = { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } as const;
