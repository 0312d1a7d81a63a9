import { slaCountdown } from './slaCountdown.js';

/** The live SLA countdown of an item, colour and words (never colour alone). */
export function SlaBadge({ item, now }: { item: { dueAt?: string; slaWarnAt?: string; slaEscalateAt?: string }; now: Date }) {
  const sla = slaCountdown(item, now);
  const words = { none: '', ok: 'due in', warning: 'due soon:', overdue: '', escalated: 'escalated,' }[sla.state];
  return (
    <span className={`sla sla-${sla.state}`} title={item.dueAt ? `Due ${new Date(item.dueAt).toLocaleString()}` : undefined}>
      {words ? `${words} ` : ''}
      {sla.text}
    </span>
  );
}
