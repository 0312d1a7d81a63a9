/**
 * Impact replay over the API (docs/policy.md, "Impact replay"): re-evaluates the caller's
 * tenant's items that pin a definition under a candidate version of it (a draft or any stored
 * version) and reports what would differ. A read: it writes nothing, not even an audit event.
 *
 * Why it looks like this:
 * - Definitions are global, items are tenant data: the candidate and the baseline come from the
 *   definition store (fresh, not the registry's cached view, which lacks drafts), the cases only
 *   from the caller's tenant.
 * - Cases stream from the store in batches (bounded memory), and the next batch is read while
 *   this one is evaluated (yielding to the event loop every 1,000 cases so the client reads the
 *   socket), so the database and the evaluator work at the same time.
 * - Open items have no directory to resolve their assignee's roles from here (JWT identities
 *   carry them only in tokens), so they are compared on priority and SLA only (`withoutActor`).
 */
import { validateAgainstSchema, type Definition } from '@mandate/definitions';
import { ImpactReplay, type ImpactReport } from '@mandate/policy';
import type { Stores } from '@mandate/store';
import { GOVERNANCE_READERS, isGovernanceReader } from '../governance/governanceRoles.js';
import { InputError, NotAllowedError, NotFoundError, UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { replayCaseOf, type ActorLookup } from './replayCaseOf.js';

/** Which candidate to replay, and over which time range (ISO 8601, from inclusive, to exclusive). */
export interface ImpactQuery {
  candidate: number;
  from?: string;
  to?: string;
}

/**
 * Items per batch read from the store. Fewer, larger statements: 100,000 items took 9.2-9.3 s in
 * batches of 5,000 and 7.0-7.9 s in batches of 10,000 (20,000 gained nothing more); see
 * docs/runtime-benchmarks.md.
 */
export const IMPACT_REPLAY_BATCH_SIZE = 10_000;

/** Options of the service. */
export interface ImpactReplayOptions {
  /** Items per batch read from the store (default IMPACT_REPLAY_BATCH_SIZE). */
  batchSize?: number;
  /** Resolves the actor of an open item (its assignee, else its owner); none: priority and SLA only. */
  actorOf?: ActorLookup;
}

/** The impact report of a candidate definition version over the caller's tenant's items. */
export class ImpactReplayService {
  constructor(
    private readonly stores: Pick<Stores, 'definitions' | 'replayCases'>,
    private readonly clock: () => Date,
    private readonly options: ImpactReplayOptions = {},
  ) {}

  /**
   * Replays the items of the caller's tenant pinned to a version of `kind`/`id` under version
   * `query.candidate` of it. Governance admins and auditors only (403 GOVERNANCE_READER_REQUIRED).
   *
   * @example
   * const report = await impact.impact(aude, 'AuthorityPolicy', 'COMMERCIAL_AUTHORITY', { candidate: 2, from: '2026-01-01T00:00:00Z' });
   * report.totals.refusedDecisions; // approvals the candidate would have refused
   */
  async impact(principal: Principal, kind: string, id: string, query: ImpactQuery): Promise<ImpactReport> {
    if (!isGovernanceReader(principal)) throw new NotAllowedError('GOVERNANCE_READER_REQUIRED', `impact replay is open to ${GOVERNANCE_READERS.join(' and ')}`);
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new InputError('INVALID_TIME_RANGE', `from ${query.from} is after to ${query.to}`, { from: query.from, to: query.to });
    }
    const candidate = await this.stores.definitions.get(kind, id, query.candidate);
    if (!candidate) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no ${kind} ${id} version ${query.candidate}`);
    const findings = validateAgainstSchema(candidate.content).filter((f) => f.severity === 'error');
    if (findings.length) {
      throw new UnprocessableError('DEFINITION_INVALID', `${kind} ${id} version ${query.candidate} does not match its schema: ${findings.slice(0, 3).map((f) => `${f.sentence} (${f.code} at ${f.pointer || '/'})`).join(' ')}`, { findings });
    }
    // Every stored version: items pin published and retired ones; a candidate task type may name drafts.
    const baseline = (await this.stores.definitions.listWithContent()).map((v) => v.content as unknown as Definition);
    const replay = new ImpactReplay(baseline, candidate.content as unknown as Definition, { now: this.clock().toISOString() });
    const batches = this.stores.replayCases.batches({
      tenantId: principal.tenant,
      definitionId: id,
      batchSize: this.options.batchSize ?? IMPACT_REPLAY_BATCH_SIZE,
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
    });
    // The next batch is read while this one is replayed.
    let next = batches.next();
    try {
      for (;;) {
        const current = await next;
        if (current.done) break;
        next = batches.next();
        const records = current.value;
        for (let i = 0; i < records.length; i++) {
          replay.add(replayCaseOf(records[i]!, this.options.actorOf));
          // Lets the client drain the socket meanwhile, so the database is not stalled on it.
          if (i % 1000 === 999) await new Promise(setImmediate);
        }
      }
    } catch (error) {
      // A failed evaluation must not leave the prefetch's rejection unhandled.
      next.catch(() => undefined);
      throw error;
    }
    return replay.report();
  }
}
