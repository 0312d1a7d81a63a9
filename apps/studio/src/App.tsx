/**
 * The studio: one SPA under `/studio/`, areas by role. Heavy areas are loaded on demand so the
 * first screen stays small (see bench/bundleSize.ts).
 */
import { lazy, Suspense } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from './session/LoginPage.js';
import { RequireSession } from './shell/RequireSession.js';
import { Shell } from './shell/Shell.js';
import { Loading } from './ui/Loading.js';
import { WorklistPage } from './worklist/WorklistPage.js';

const ItemPage = lazy(() => import('./item/ItemPage.js').then((m) => ({ default: m.ItemPage })));
const DefinitionsArea = lazy(() => import('./definitions/DefinitionsArea.js').then((m) => ({ default: m.DefinitionsArea })));
const DiffArea = lazy(() => import('./diff/DiffArea.js').then((m) => ({ default: m.DiffArea })));
const AuditArea = lazy(() => import('./audit/AuditArea.js').then((m) => ({ default: m.AuditArea })));

function NotFound() {
  const { t } = useTranslation();
  return (
    <main id="main">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Trans t={t} i18nKey="notFound.body" components={[<a key="start" href="/studio/" />]} />
      </p>
    </main>
  );
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<Navigate to="/studio/" replace />} />
        <Route path="/studio/login" element={<LoginPage />} />
        <Route
          path="/studio"
          element={
            <RequireSession>
              <Shell />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/studio/worklist" replace />} />
          <Route path="worklist" element={<WorklistPage />} />
          <Route path="items/:id" element={<ItemPage />} />
          <Route path="definitions/*" element={<DefinitionsArea />} />
          <Route path="diff/*" element={<DiffArea />} />
          <Route path="audit/*" element={<AuditArea />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
