// The timers bpmn-engine arms for a loaded instance: due timers are reported, not fired, and
// delays beyond setTimeout's limit are armed in steps.
import { describe, expect, it } from 'vitest';
import { InstanceTimers, type ArmedTimer } from './InstanceTimers.js';
import { ManualTimerScheduler } from '../../test-support/ManualTimerScheduler.js';

const DAY = 86_400_000;

describe('InstanceTimers', () => {
  it('reports a due timer and fires it only when asked', () => {
    const scheduler = new ManualTimerScheduler();
    const due: ArmedTimer[] = [];
    const timers = new InstanceTimers(scheduler, (t) => due.push(t));
    const fired: unknown[] = [];
    const timer = timers.register({ id: 'reminder' }).setTimeout((arg: unknown) => fired.push(arg), 1000, 'payload');
    expect(timers.executing).toEqual([timer]);
    scheduler.advance(999);
    expect(due).toEqual([]);
    scheduler.advance(1);
    expect(due).toEqual([timer]);
    expect(fired).toEqual([]);
    expect(timers.fire(timer)).toBe(true);
    expect(fired).toEqual(['payload']);
    expect(timers.fire(timer)).toBe(false);
    expect(timers.size).toBe(0);
  });

  it('arms a 30-day timer in steps below the setTimeout limit', () => {
    const scheduler = new ManualTimerScheduler();
    const due: ArmedTimer[] = [];
    const timers = new InstanceTimers(scheduler, (t) => due.push(t));
    timers.setTimeout(() => undefined, 30 * DAY);
    expect(scheduler.scheduled[0]).toBeLessThan(25 * DAY);
    scheduler.advance(30 * DAY - 1);
    expect(due).toHaveLength(0);
    scheduler.advance(1);
    expect(due).toHaveLength(1);
  });

  it('clears timers one by one or all at once, and ignores requests once disposed', () => {
    const scheduler = new ManualTimerScheduler();
    const due: ArmedTimer[] = [];
    const timers = new InstanceTimers(scheduler, (t) => due.push(t));
    const first = timers.setTimeout(() => undefined, 10);
    timers.setTimeout(() => undefined, 20);
    timers.clearTimeout(first);
    timers.clearTimeout('not a timer');
    expect(timers.size).toBe(1);
    timers.dispose();
    timers.setTimeout(() => undefined, 5);
    expect(scheduler.advance(100)).toBe(0);
    expect(due).toEqual([]);
  });
});
