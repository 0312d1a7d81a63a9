import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Open items per task type and state, with the creation time of the oldest (read at each scrape). */
export type OpenQueues = () => Promise<{ taskType: string; state: string; count: number; oldestCreatedAt: string }[]>;

/** How long one read of the open queues serves scrapes. */
const QUEUE_READ_MAX_AGE_MS = 5_000;

/** The runtime's Prometheus metrics (queue sizes and ages, decisions, refusals, SLA breaches), one registry per app. */
export function createMetrics(options: { openQueues?: OpenQueues; clock?: () => Date; onError?: (error: unknown) => void } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const approvals = new Counter({ name: 'approval_decisions_total', help: 'Decisions that took effect on approval tasks, by the authority policy that governed them.', labelNames: ['policy_code', 'decision'], registers: [registry] });
  const clock = options.clock ?? (() => new Date());
  const openQueues = options.openQueues;
  // Both queue gauges come from one query, kept for a few seconds: `/metrics` needs no login, so a
  // burst of scrapes costs one pass over the open items, not one each. A database that does not
  // answer leaves the gauges empty (absent series), not the whole scrape failed.
  let current: ReturnType<OpenQueues> | undefined;
  const queues = async () => {
    if (!openQueues) return [];
    current ??= openQueues()
      .catch((error: unknown) => {
        options.onError?.(error);
        return [];
      })
      .finally(() => setTimeout(() => (current = undefined), QUEUE_READ_MAX_AGE_MS).unref());
    return current;
  };
  new Gauge({
    name: 'work_item_age_seconds',
    help: 'Age of the oldest open work item, by task type and status (all tenants).',
    labelNames: ['task_type', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const now = clock().getTime();
      for (const q of await queues()) this.set({ task_type: q.taskType, status: q.state }, Math.max(0, (now - Date.parse(q.oldestCreatedAt)) / 1000));
    },
  });
  new Gauge({
    name: 'work_items_open',
    help: 'Open work items, by task type and status (all tenants).',
    labelNames: ['task_type', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await queues()) this.set({ task_type: q.taskType, status: q.state }, q.count);
    },
  });
  new Gauge({
    name: 'approval_rejection_rate',
    help: 'Share of the approval decisions this process recorded that were REJECT, by authority policy (across instances: sum(rate(approval_decisions_total{decision="REJECT"}[1h])) by (policy_code) / sum(rate(approval_decisions_total[1h])) by (policy_code)).',
    labelNames: ['policy_code'],
    registers: [registry],
    async collect() {
      this.reset();
      const totals = new Map<string, { all: number; rejected: number }>();
      for (const { labels, value } of (await approvals.get()).values) {
        const code = String(labels.policy_code);
        const t = totals.get(code) ?? { all: 0, rejected: 0 };
        t.all += value;
        if (labels.decision === 'REJECT') t.rejected += value;
        totals.set(code, t);
      }
      for (const [code, t] of totals) if (t.all > 0) this.set({ policy_code: code }, t.rejected / t.all);
    },
  });
  return {
    registry,
    created: new Counter({ name: 'work_items_created_total', help: 'Work items created.', labelNames: ['task_type'], registers: [registry] }),
    completed: new Counter({ name: 'work_items_completed_total', help: 'Decisions that took effect.', labelNames: ['task_type', 'decision'], registers: [registry] }),
    approvals,
    expired: new Counter({ name: 'work_items_expired_total', help: 'Open work items closed at their expiration instant.', labelNames: ['task_type'], registers: [registry] }),
    obsolete: new Counter({ name: 'obsolete_task_count', help: 'Work items made obsolete.', labelNames: ['reason'], registers: [registry] }),
    reassigned: new Counter({ name: 'reassignment_count', help: 'Reassignments.', labelNames: ['task_type'], registers: [registry] }),
    slaBreached: new Counter({ name: 'work_item_sla_breach_total', help: 'Work items escalated by the SLA scheduler after their business-time deadline.', labelNames: ['task_type'], registers: [registry] }),
    slaWarned: new Counter({ name: 'work_item_sla_warning_total', help: 'SLA warnings fired.', labelNames: ['task_type'], registers: [registry] }),
    refused: new Counter({ name: 'commands_refused_total', help: 'Commands the policy refused.', labelNames: ['code'], registers: [registry] }),
  };
}

/** The metrics a service records. */
export type Metrics = ReturnType<typeof createMetrics>;
