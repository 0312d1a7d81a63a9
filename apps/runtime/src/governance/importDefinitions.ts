/**
 * The shipped `definitions/` folder into the store, at every start: versions the store lacks are
 * inserted with their file status; versions it has are left alone. A stored version whose content
 * differs from its file, where either side is published or retired, is a conflict: reported,
 * logged, never overwritten (the stored version wins, it may already pin work items). Two
 * instances starting at once insert each version once (`on conflict do nothing`).
 */
import { refOf } from '@mandate/definitions';
import { definitionContentHash, type DefinitionVersionStatus, type Stores } from '@mandate/store';
import { readDefinitions } from '../loadDefinitions.js';

/** The author of imported versions: the shipped set, reviewed in git, not through the API. */
export const IMPORT_AUTHOR = 'urn:mandate:import';

/** A file whose content no longer matches the stored version of the same `ID@VERSION`. */
export interface ImportConflict {
  kind: string;
  id: string;
  version: number;
  file: string;
  fileStatus: string;
  fileHash: string;
  storedStatus: DefinitionVersionStatus;
  storedHash: string;
  /** What happened: the stored version is kept. */
  resolution: 'STORED_VERSION_KEPT';
}

/** What an import did. */
export interface ImportReport {
  /** When it ran. */
  importedAt: string;
  /** `ID@VERSION` of the versions inserted. */
  inserted: string[];
  /** How many files matched their stored version. */
  unchanged: number;
  conflicts: ImportConflict[];
}

const LOCKED: readonly string[] = ['published', 'retired'];

/**
 * Imports a definitions folder (validated first: a folder with errors is refused, as before).
 *
 * @example
 * const report = await importDefinitions(stores, 'definitions', () => new Date());
 * for (const c of report.conflicts) console.warn(`${c.file} differs from the stored ${c.id}@${c.version}`);
 */
export async function importDefinitions(stores: Pick<Stores, 'definitions' | 'transaction'>, dir: string, clock: () => Date = () => new Date()): Promise<ImportReport> {
  const entries = readDefinitions(dir);
  const store = stores.definitions;
  const now = clock().toISOString();
  const report: ImportReport = { importedAt: now, inserted: [], unchanged: 0, conflicts: [] };
  await stores.transaction(async (tx) => {
    const stored = new Map((await store.list({}, tx)).map((m) => [`${m.kind}/${refOf(m)}`, m]));
    for (const { file, definition } of entries) {
      const content = definition as unknown as Record<string, unknown>;
      const existing = stored.get(`${definition.kind}/${refOf(definition)}`);
      const fileHash = definitionContentHash(content);
      if (!existing) {
        const locked = LOCKED.includes(definition.status);
        const inserted = await store.insert(
          tx,
          {
            kind: definition.kind,
            id: definition.id,
            version: definition.version,
            status: definition.status,
            content,
            author: IMPORT_AUTHOR,
            reviewer: null,
            reviewComment: null,
            submittedAt: null,
            approvedAt: null,
            publishedAt: locked ? now : null,
            effectiveFrom: null,
            retiredAt: definition.status === 'retired' ? now : null,
            changeNote: `imported from ${file}`,
            createdAt: now,
            updatedAt: now,
          },
          { ifMissing: true },
        );
        if (inserted) report.inserted.push(refOf(definition));
        continue;
      }
      if (existing.contentHash === fileHash) {
        report.unchanged++;
        continue;
      }
      if (LOCKED.includes(existing.status) || LOCKED.includes(definition.status)) {
        report.conflicts.push({ kind: definition.kind, id: definition.id, version: definition.version, file, fileStatus: definition.status, fileHash, storedStatus: existing.status, storedHash: existing.contentHash, resolution: 'STORED_VERSION_KEPT' });
      }
    }
  });
  return report;
}
