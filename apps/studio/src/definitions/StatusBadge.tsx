/** A lifecycle status as a labelled badge. */
export function StatusBadge({ status, approved }: { status: string; approved?: boolean }) {
  const text = status === 'in_review' ? (approved ? 'approved, not published' : 'in review') : status;
  return <span className={`status-badge status-${status}${approved ? ' status-approved' : ''}`}>{text}</span>;
}
