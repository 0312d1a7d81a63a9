import type { VersionMeta } from './governanceTypes.js';

/** The version a candidate is compared with: the newest published or retired one before it, else the one before. */
export function baseVersionOf(versions: readonly Pick<VersionMeta, 'version' | 'status'>[], candidate: number): number | undefined {
  const earlier = versions.filter((v) => v.version < candidate);
  const governing = earlier.filter((v) => v.status === 'published' || v.status === 'retired');
  return (governing[governing.length - 1] ?? earlier[earlier.length - 1])?.version;
}
