/**
 * Reading the tenant's audit trail. The history of one item is open to everyone of the tenant who
 * may see the item (its timeline); the tenant-wide trail and the chain check are for auditors and
 * governance admins. Reads seal first, so what they return is chained.
 */
import type { AuditEvent, AuditFilter, AuditLog, ChainVerification } from '@mandate/store';
import { NotAllowedError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import type { WorkItemLoader } from '../workItems/WorkItemLoader.js';

/** Roles that may read the whole tenant's audit trail and verify its chain. */
const AUDIT_READERS = ['AUDITOR', 'GOVERNANCE_ADMIN'];

/** `GET /audit` and `GET /audit/verify` (see the module comment). */
export class AuditTrailService {
  /** `loader` finds an item for a caller (not found in another tenant or without the item): an item's history is open to whoever may see it. */
  constructor(
    private readonly audit: AuditLog,
    private readonly loader: WorkItemLoader,
  ) {}

  /** Audit events of the caller's tenant, filtered; one item's history needs only that the caller may see the item. */
  async events(principal: Principal, filter: AuditFilter): Promise<AuditEvent[]> {
    if (filter.workItemId) await this.loader.load(principal, filter.workItemId);
    else this.assertAuditReader(principal);
    return this.audit.list(principal.tenant, filter);
  }

  /** Verifies the caller's tenant's chain against its signed checkpoints. */
  async verify(principal: Principal): Promise<ChainVerification> {
    this.assertAuditReader(principal);
    return this.audit.verify(principal.tenant);
  }

  private assertAuditReader(principal: Principal): void {
    if (!principal.roles.some((r) => AUDIT_READERS.includes(r))) {
      throw new NotAllowedError('AUDIT_READER_REQUIRED', `the tenant's audit trail is open to ${AUDIT_READERS.join(' and ')}; filter by workItemId for one item's history`);
    }
  }
}
