import '../diff/diff.css';
import './definitions.css';
import { Route, Routes } from 'react-router-dom';
import { DefinitionList } from './DefinitionList.js';
import { DefinitionVersions } from './DefinitionVersions.js';
import { VersionPage } from './VersionPage.js';

/**
 * Definitions (governance admin): browse kinds, ids and versions; edit drafts; review, publish.
 * Mounted by the shell at `/studio/definitions/*`:
 * - `` — every definition, filterable by kind
 * - `:kind/:id` — its versions, a new draft
 * - `:kind/:id/:version` — a version: the draft editor, the review, or the read-only document
 */
export function DefinitionsArea() {
  return (
    <Routes>
      <Route index element={<DefinitionList />} />
      <Route path=":kind/:id" element={<DefinitionVersions />} />
      <Route path=":kind/:id/:version" element={<VersionPage />} />
    </Routes>
  );
}
