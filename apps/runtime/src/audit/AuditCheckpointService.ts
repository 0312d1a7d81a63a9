import type { AuditCheckpoint, AuditLog } from '@mandate/store';
import { NotAllowedError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';

/**
 * Who may sign a checkpoint on demand: governance admins (before an export or an audit) and
 * services (an external scheduler). Auditors read and verify but write nothing, not even a
 * checkpoint; the runtime's periodic pass signs without a request.
 */
const CHECKPOINT_WRITERS = ['GOVERNANCE_ADMIN', 'SERVICE'];

/** `POST /audit/checkpoints`: what was signed, or the latest checkpoint when the head already was. */
export interface AuditCheckpointResult {
  created: boolean;
  checkpoint?: AuditCheckpoint;
}

/** Signs the caller's tenant's audit chain head on demand. */
export class AuditCheckpointService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  /** Seals and signs the tenant's chain head; an empty chain or an already signed head writes nothing. */
  async checkpoint(principal: Principal): Promise<AuditCheckpointResult> {
    if (!principal.roles.some((r) => CHECKPOINT_WRITERS.includes(r))) {
      throw new NotAllowedError('AUDIT_CHECKPOINT_WRITER_REQUIRED', `audit checkpoints are signed on demand by ${CHECKPOINT_WRITERS.join(' and ')} (and periodically by the runtime)`);
    }
    const written = await this.audit.checkpoint(principal.tenant, () => this.clock().toISOString());
    if (written) return { created: true, checkpoint: written };
    const checkpoint = await this.audit.latestCheckpoint(principal.tenant);
    return { created: false, ...(checkpoint ? { checkpoint } : {}) };
  }
}
