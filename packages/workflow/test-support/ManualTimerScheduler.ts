import type { TimerScheduler } from '../src/embedded/InstanceTimers.js';

interface Scheduled {
  id: number;
  callback: () => void;
  dueAt: number;
}

/**
 * A {@link TimerScheduler} whose time only moves when told: tests and demos fire BPMN timers
 * (an SLA reminder after 4 hours) without waiting. Only the scheduling is virtual: bpmn-engine still
 * computes a timer's due instant from the system clock.
 *
 * @example
 * const timers = new ManualTimerScheduler();
 * const engine = new EmbeddedWorkflowEngine({ db, processes, onUserTask, timers });
 * timers.advance(4 * 3_600_000); // fires what is due within 4 hours
 * await engine.whenIdle();
 */
export class ManualTimerScheduler implements TimerScheduler {
  private elapsed = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Scheduled>();

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.nextId++;
    this.pending.set(id, { id, callback, dueAt: this.elapsed + Math.max(0, delayMs) });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  /** Delays (ms from now) of the callbacks waiting, soonest first. */
  get scheduled(): number[] {
    return [...this.pending.values()].map((s) => s.dueAt - this.elapsed).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing what falls due in order (including what those callbacks schedule); returns how many fired. */
  advance(ms: number): number {
    const until = this.elapsed + ms;
    let fired = 0;
    for (;;) {
      const next = [...this.pending.values()].filter((s) => s.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (!next) break;
      this.pending.delete(next.id);
      this.elapsed = next.dueAt;
      next.callback();
      fired++;
    }
    this.elapsed = until;
    return fired;
  }
}
