/**
 * Every stored definition version (drafts and versions in review included: a simulated task type
 * may reference them), read once per change of the store. A simulation asks the store only for
 * the version list (no content) and reuses the contents, the findings and the compiled policies
 * of the last read while that list is the same.
 *
 * Why not the registry: it holds published and retired versions only, and drafts change in place.
 */
import { refOf, type Definition } from '@mandate/definitions';
import type { DefinitionVersionMeta, DefinitionVersionRecord, DefinitionVersionStore } from '@mandate/store';
import { definitionFindings, type DraftFinding } from '../governance/definitionFindings.js';

/** One read of the stored versions. */
export class DefinitionSet {
  /** Definitions by `ID@VERSION`. */
  readonly byRef: ReadonlyMap<string, Definition>;
  private readonly findings = new Map<string, DraftFinding[]>();

  constructor(
    readonly key: string,
    private readonly records: readonly DefinitionVersionRecord[],
  ) {
    this.byRef = new Map(records.map((r) => [refOf(r), r.content as unknown as Definition]));
  }

  /** Every definition of the set. */
  get definitions(): Definition[] {
    return [...this.byRef.values()];
  }

  /** One stored version, or undefined. */
  record(kind: string, id: string, version: number): DefinitionVersionRecord | undefined {
    return this.records.find((r) => r.kind === kind && r.id === id && r.version === version);
  }

  /** The version of `kind`/`id` new work would use at `at`: the highest published one in effect. */
  published(kind: string, id: string, at: number): DefinitionVersionRecord | undefined {
    let found: DefinitionVersionRecord | undefined;
    for (const r of this.records) {
      if (r.kind !== kind || r.id !== id || r.status !== 'published') continue;
      if (r.effectiveFrom !== null && Date.parse(r.effectiveFrom) > at) continue;
      if (!found || r.version > found.version) found = r;
    }
    return found;
  }

  /** The error and warning findings of one version among all the others (computed once per read). */
  findingsOf(record: DefinitionVersionRecord): DraftFinding[] {
    const ref = refOf(record);
    let found = this.findings.get(ref);
    if (!found) this.findings.set(ref, (found = definitionFindings(record, this.records)));
    return found;
  }
}

/** What changes when a version is created, edited or moves through its lifecycle. */
const keyOf = (versions: readonly DefinitionVersionMeta[]) => versions.map((v) => `${v.kind}/${v.id}@${v.version}:${v.status}:${v.contentHash}:${v.effectiveFrom ?? ''}`).join('|');

/** The current set, from the last read while the store's version list is unchanged. */
export class DefinitionSetSource {
  private last: DefinitionSet | undefined;

  constructor(private readonly store: Pick<DefinitionVersionStore, 'list' | 'listWithContent'>) {}

  async current(): Promise<DefinitionSet> {
    const key = keyOf(await this.store.list());
    if (this.last?.key === key) return this.last;
    const records = await this.store.listWithContent();
    // Keyed by what was read with the content, so a change between the two reads is read again next time.
    this.last = new DefinitionSet(keyOf(records), records);
    return this.last;
  }
}
