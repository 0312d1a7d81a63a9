import { Route, Routes } from 'react-router-dom';
import { DiffPage } from './DiffPage.js';
import { DiffPicker } from './DiffPicker.js';

/**
 * Diff (auditor): any two versions of a definition, the semantic changes (loosening highlighted)
 * beside the JSON Patch. Mounted by the shell at `/studio/diff/*`; the URL is shareable:
 * `/studio/diff/:kind/:id?from=1&to=2`.
 */
export function DiffArea() {
  return (
    <Routes>
      <Route index element={<DiffPicker />} />
      <Route path=":kind/:id" element={<DiffPage />} />
    </Routes>
  );
}
