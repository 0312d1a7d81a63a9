import { parsePriorityReason } from './priorityReasons.js';

/** The priority score with every reason that makes it up. */
export function PriorityBadge({ priority, reasons, compact = false }: { priority: number; reasons: string[]; compact?: boolean }) {
  const parsed = reasons.map(parsePriorityReason);
  const level = priority >= 100 ? 'high' : priority >= 50 ? 'medium' : 'low';
  return (
    <span className="priority">
      <span className={`priority-score priority-${level}`}>{priority}</span>
      {parsed.length > 0 && (
        <ul className={compact ? 'priority-reasons compact' : 'priority-reasons'} aria-label="Priority reasons">
          {parsed.map((r) => (
            <li key={r.code}>
              {r.label}
              {r.weight !== undefined && <span className="muted"> {r.weight >= 0 ? `+${r.weight}` : r.weight}</span>}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
