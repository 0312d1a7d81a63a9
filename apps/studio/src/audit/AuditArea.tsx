import { Route, Routes } from 'react-router-dom';
import { AuditTimeline } from './AuditTimeline.js';

/**
 * Audit: the hash-chained evidence of who decided what, as a timeline per work item or business
 * object, with the chain's verification status. Mounted by the shell at `/studio/audit/*`:
 * - `?workItemId=&businessObjectType=&businessObjectId=&actor=&from=&to=` — filtered timeline
 * - `work-items/:workItemId`, `business-objects/:type/:id` — shareable shortcuts
 */
export function AuditArea() {
  return (
    <Routes>
      <Route index element={<AuditTimeline />} />
      <Route path="work-items/:workItemId" element={<AuditTimeline />} />
      <Route path="business-objects/:type/:id" element={<AuditTimeline />} />
    </Routes>
  );
}
