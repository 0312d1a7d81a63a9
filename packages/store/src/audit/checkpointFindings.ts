/** A signed chain head: the tenant's chain had `sequence` events, the last with `hash`, at `signedAt`. */
export interface AuditCheckpoint {
  tenantId: string;
  sequence: number;
  hash: string;
  /** ISO 8601 instant. */
  signedAt: string;
  /** Which signing key (`AuditKeys.keyId`). */
  keyId: string;
  /** Ed25519, base64url, over `checkpointMessage`. */
  signature: string;
}

/** What verification found wrong, by kind. */
export type AuditFindingCode =
  | 'SEQUENCE_MISSING'
  | 'LINK_BROKEN'
  | 'CONTENT_CHANGED'
  | 'TRUNCATED'
  | 'REHASHED'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME';

/** One thing wrong with a tenant's trail: at a chain sequence, or an unsealed event by its id. */
export interface AuditFinding {
  code: AuditFindingCode;
  /** The first sequence that can no longer be trusted. */
  sequence?: number;
  /** An unsealed event, which has no sequence. */
  eventId?: string;
  reason: string;
}

/** The message a checkpoint signs: canonical, versioned, naming the tenant so it cannot be moved to another chain. */
export function checkpointMessage(checkpoint: Pick<AuditCheckpoint, 'tenantId' | 'sequence' | 'hash' | 'signedAt'>): string {
  // Keys in sorted order: this is the canonical JSON of the object.
  return JSON.stringify({ hash: checkpoint.hash, kind: 'mandate.audit.checkpoint.v1', sequence: checkpoint.sequence, signedAt: checkpoint.signedAt, tenantId: checkpoint.tenantId });
}

/**
 * Holds a chain against its checkpoints. `hashes` are the hashes of the chain's unbroken prefix
 * (index 0 is sequence 1); `chainBroken` says the walk stopped at a break, so checkpoints past
 * the prefix say nothing more. A checkpoint past the end of an unbroken chain means its tail was
 * removed; one whose hash differs means the events after the last matching checkpoint were
 * rewritten and re-hashed (or removed and replaced). Only the first disagreement is reported:
 * every later checkpoint disagrees for the same reason.
 */
export function checkpointFindings(hashes: readonly string[], checkpoints: readonly (AuditCheckpoint & { valid: boolean })[], chainBroken: boolean): { findings: AuditFinding[]; latest?: AuditCheckpoint } {
  const findings: AuditFinding[] = [];
  let latest: AuditCheckpoint | undefined;
  let vouchedUpTo = 0;
  let disagreed = false;
  for (const { valid, ...checkpoint } of [...checkpoints].sort((a, b) => a.sequence - b.sequence)) {
    const at = `the checkpoint signed at ${checkpoint.signedAt}`;
    if (!valid) {
      // No sequence: a forged checkpoint makes no event untrustworthy, it just vouches for nothing.
      findings.push({ code: 'CHECKPOINT_SIGNATURE_INVALID', reason: `${at} for sequence ${checkpoint.sequence} does not verify with a trusted key (key ${checkpoint.keyId}): forged or altered, so it is ignored` });
      continue;
    }
    latest = checkpoint;
    if (disagreed) continue;
    if (checkpoint.sequence > hashes.length) {
      if (chainBroken) continue;
      findings.push({ code: 'TRUNCATED', sequence: hashes.length + 1, reason: `the chain ends at sequence ${hashes.length}, but ${at} vouches for ${checkpoint.sequence} events: events ${hashes.length + 1} to ${checkpoint.sequence} were removed` });
      disagreed = true;
    } else if (hashes[checkpoint.sequence - 1] !== checkpoint.hash) {
      findings.push({ code: 'REHASHED', sequence: vouchedUpTo + 1, reason: `the hash at sequence ${checkpoint.sequence} is not the one ${at} vouches for: events ${vouchedUpTo + 1} to ${checkpoint.sequence} were rewritten and re-hashed, or removed and replaced` });
      disagreed = true;
    } else {
      vouchedUpTo = checkpoint.sequence;
    }
  }
  return { findings, ...(latest ? { latest } : {}) };
}
