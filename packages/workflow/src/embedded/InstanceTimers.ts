/**
 * The `timers` option of bpmn-engine for one loaded process instance. bpmn-engine asks it to call
 * back when a BPMN timer is due; instead of calling back directly, it reports the due timer, and
 * the embedded engine fires it once it holds the instance's row lock (so the continuation is saved
 * against the state it was computed from). It also arms delays longer than setTimeout allows
 * (about 24.8 days; bpmn-engine's own timers silently never fire those) in steps.
 */

/** Schedules callbacks: the global timer functions by default; tests pass a {@link ManualTimerScheduler}. */
export interface TimerScheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's timers. */
export const systemTimerScheduler: TimerScheduler = {
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    // A waiting BPMN timer must not keep the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const MAX_STEP_MS = 2_147_483_647;

/** A timer bpmn-engine armed; the shape bpmn-engine reads (`callback`, `delay`, `args`, `owner`, `timerId`, `expireAt`). */
export class ArmedTimer {
  handle: unknown;
  constructor(
    readonly callback: (...args: unknown[]) => unknown,
    readonly delay: number,
    readonly args: unknown[],
    readonly owner: unknown,
    readonly timerId: string,
    readonly expireAt: Date,
  ) {}
}

export class InstanceTimers {
  private readonly armed = new Set<ArmedTimer>();
  private count = 0;
  private disposed = false;

  constructor(
    private readonly scheduler: TimerScheduler,
    /** Called when a timer is due; the timer has not fired yet: call {@link fire}. */
    private readonly onDue: (timer: ArmedTimer) => void,
  ) {}

  /** Timers armed and not fired or cleared (bpmn-engine clears them all when it stops). */
  get executing(): ArmedTimer[] {
    return [...this.armed];
  }

  get size(): number {
    return this.armed.size;
  }

  readonly setTimeout = (callback: (...args: unknown[]) => unknown, delay: number, ...args: unknown[]): ArmedTimer => this.arm(undefined, callback, delay, args);

  readonly clearTimeout = (ref: unknown): undefined => {
    if (ref instanceof ArmedTimer && this.armed.delete(ref)) this.scheduler.clearTimeout(ref.handle);
    return undefined;
  };

  register(owner: unknown): { owner: unknown; setTimeout: InstanceTimers['setTimeout']; clearTimeout: InstanceTimers['clearTimeout'] } {
    return { owner, setTimeout: (callback, delay, ...args) => this.arm(owner, callback, delay, args), clearTimeout: this.clearTimeout };
  }

  /** Runs a due timer's callback: bpmn-engine continues the process synchronously. */
  fire(timer: ArmedTimer): boolean {
    if (!this.armed.delete(timer)) return false;
    timer.callback(...timer.args);
    return true;
  }

  /** Clears every timer; later requests are ignored (the instance is no longer loaded here). */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.armed) this.scheduler.clearTimeout(timer.handle);
    this.armed.clear();
  }

  private arm(owner: unknown, callback: (...args: unknown[]) => unknown, delay: number, args: unknown[]): ArmedTimer {
    const timer = new ArmedTimer(callback, delay, args, owner, `timer_${this.count++}`, new Date(Date.now() + delay));
    if (this.disposed) return timer;
    this.armed.add(timer);
    const step = (remaining: number) => {
      const wait = Math.min(Math.max(remaining, 0), MAX_STEP_MS);
      timer.handle = this.scheduler.setTimeout(() => {
        if (!this.armed.has(timer)) return;
        if (remaining > wait) step(remaining - wait);
        else this.onDue(timer);
      }, wait);
    };
    step(delay);
    return timer;
  }
}
