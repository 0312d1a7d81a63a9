import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, slaCountdown } from './slaCountdown.js';

const now = new Date('2026-07-02T08:00:00Z');

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(5 * 60_000 + 10_000)).toBe('5m 10s');
    expect(formatDuration(2 * 3_600_000 + 14 * 60_000 + 59_000)).toBe('2h 14m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatDuration(-90_000)).toBe('1m 30s');
  });
});

describe('slaCountdown', () => {
  it('counts down to the due time, and warns after the warning time', () => {
    expect(slaCountdown({ dueAt: '2026-07-02T10:14:00Z', slaWarnAt: '2026-07-02T09:00:00Z' }, now)).toEqual({ state: 'ok', text: '2h 14m', remainingMs: 8_040_000 });
    expect(slaCountdown({ dueAt: '2026-07-02T10:14:00Z', slaWarnAt: '2026-07-02T07:59:00Z' }, now).state).toBe('warning');
  });

  it('is overdue after the due time, escalated after the escalation time', () => {
    expect(slaCountdown({ dueAt: '2026-07-02T07:25:00Z' }, now)).toMatchObject({ state: 'overdue', text: 'overdue 35m 0s' });
    expect(slaCountdown({ dueAt: '2026-07-02T07:00:00Z', slaEscalateAt: '2026-07-02T07:30:00Z' }, now).state).toBe('escalated');
    // An escalation instant equal to the due time is not a separate escalation.
    expect(slaCountdown({ dueAt: '2026-07-02T07:00:00Z', slaEscalateAt: '2026-07-02T07:00:00Z' }, now).state).toBe('overdue');
  });

  it('has no countdown without a due time', () => {
    expect(slaCountdown({}, now)).toEqual({ state: 'none', text: 'no SLA' });
    expect(slaCountdown({ dueAt: 'not a date' }, now).state).toBe('none');
  });

  it('gives the age of an item', () => {
    expect(formatAge('2026-07-02T05:55:00Z', now)).toBe('2h 5m');
    expect(formatAge('2026-07-02T09:00:00Z', now)).toBe('0s');
  });
});
