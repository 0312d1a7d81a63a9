import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** The runtime's Prometheus metrics (seed section 32), one registry per app. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    created: new Counter({ name: 'work_items_created_total', help: 'Work items created.', labelNames: ['task_type'], registers: [registry] }),
    completed: new Counter({ name: 'work_items_completed_total', help: 'Decisions that took effect.', labelNames: ['task_type', 'decision'], registers: [registry] }),
    obsolete: new Counter({ name: 'obsolete_task_count', help: 'Work items made obsolete.', labelNames: ['reason'], registers: [registry] }),
    reassigned: new Counter({ name: 'reassignment_count', help: 'Reassignments.', labelNames: ['task_type'], registers: [registry] }),
    slaBreached: new Counter({ name: 'work_item_sla_breach_total', help: 'Work items escalated by the SLA scheduler after their business-time deadline.', labelNames: ['task_type'], registers: [registry] }),
    slaWarned: new Counter({ name: 'work_item_sla_warning_total', help: 'SLA warnings fired.', labelNames: ['task_type'], registers: [registry] }),
    refused: new Counter({ name: 'commands_refused_total', help: 'Commands the policy refused.', labelNames: ['code'], registers: [registry] }),
  };
}

/** The metrics a service records. */
export type Metrics = ReturnType<typeof createMetrics>;
