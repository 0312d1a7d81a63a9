import { describe, expect, it } from 'vitest';
import { HIGH_PRIORITY_MIN, queueFilter, searchFromView, viewFromSearch } from './queues.js';

describe('queueFilter', () => {
  it('maps each queue to the runtime filter, keeping the narrowing filters', () => {
    const narrowing = { taskType: 'DISCOUNT_APPROVAL', candidateGroup: 'sales-managers' };
    expect(queueFilter('mine', narrowing, 'dana')).toEqual({ ...narrowing, assignee: 'dana', status: 'claimed' });
    expect(queueFilter('available', narrowing, 'dana')).toEqual({ ...narrowing, status: 'available' });
    expect(queueFilter('overdue', {}, 'dana')).toEqual({ overdue: true });
    expect(queueFilter('high-priority', {}, 'dana')).toEqual({ priorityMin: HIGH_PRIORITY_MIN });
    expect(queueFilter('all-open', {}, 'dana')).toEqual({});
  });

  it('trims the business object id and drops empty filters', () => {
    expect(queueFilter('all-open', { businessObjectId: '  Q-1 ', taskType: '' }, 'x')).toEqual({ businessObjectId: 'Q-1' });
    expect(queueFilter('all-open', { businessObjectId: '   ' }, 'x')).toEqual({});
  });
});

describe('worklist view in the URL', () => {
  it('round-trips queue and filters, defaulting to the available queue', () => {
    const search = searchFromView('overdue', { taskType: 'FULFILLMENT_FALLOUT' });
    expect(search.toString()).toBe('queue=overdue&taskType=FULFILLMENT_FALLOUT');
    expect(viewFromSearch(search)).toEqual({ queue: 'overdue', filters: { taskType: 'FULFILLMENT_FALLOUT' } });
    expect(searchFromView('available', {}).toString()).toBe('');
    expect(viewFromSearch(new URLSearchParams('queue=bogus'))).toEqual({ queue: 'available', filters: {} });
  });
});
