/**
 * The SLA column: how long until an item is due (or how long it is overdue), and how urgent that
 * is, from the item's due, warning and escalation instants and the current time.
 */

/** `ok`, `warning` (past the SLA warning time), `overdue`, `escalated` (past the escalation time), or `none`. */
export type SlaState = 'none' | 'ok' | 'warning' | 'overdue' | 'escalated';

/** The countdown of one item at one instant. */
export interface SlaCountdown {
  state: SlaState;
  /** "2h 14m", "overdue 35m", "no SLA". */
  text: string;
  /** Milliseconds until due (negative when overdue). */
  remainingMs?: number;
}

/** A duration as its two largest units: `3d 4h`, `2h 14m`, `5m 10s`, `42s`. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** The countdown of an item with these SLA instants (ISO 8601) at `now`. */
export function slaCountdown(sla: { dueAt?: string; slaWarnAt?: string; slaEscalateAt?: string }, now: Date): SlaCountdown {
  if (!sla.dueAt) return { state: 'none', text: 'no SLA' };
  const due = Date.parse(sla.dueAt);
  if (Number.isNaN(due)) return { state: 'none', text: 'no SLA' };
  const remainingMs = due - now.getTime();
  if (remainingMs > 0) {
    const warn = sla.slaWarnAt ? Date.parse(sla.slaWarnAt) : Number.NaN;
    return { state: !Number.isNaN(warn) && now.getTime() >= warn ? 'warning' : 'ok', text: formatDuration(remainingMs), remainingMs };
  }
  const escalate = sla.slaEscalateAt ? Date.parse(sla.slaEscalateAt) : Number.NaN;
  const escalated = !Number.isNaN(escalate) && now.getTime() >= escalate && escalate > due;
  return { state: escalated ? 'escalated' : 'overdue', text: `overdue ${formatDuration(remainingMs)}`, remainingMs };
}

/** How long ago an instant was: `age 3h 5m`. */
export function formatAge(createdAt: string, now: Date): string {
  const created = Date.parse(createdAt);
  return Number.isNaN(created) ? '' : formatDuration(Math.max(0, now.getTime() - created));
}
