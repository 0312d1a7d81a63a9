/**
 * What the definitions home shows, as pure functions of the server's answers: definitions grouped
 * by kind, each version's standing in words (current, superseded, scheduled, ...), the search by
 * id, title and fact, and the review inbox. The server decides what is current (GET /definitions
 * `currentVersions`) and who may approve (403 otherwise); these only arrange what it said.
 */
import { DEFINITION_KINDS } from '@mandate/definitions';
import type { DefinitionSummary, VersionView } from './governanceTypes.js';

/** A version's standing, the words of its status badge. */
export type VersionStanding = 'draft' | 'inReview' | 'approved' | 'current' | 'scheduled' | 'superseded' | 'notInUse' | 'retired';

type SummaryVersion = DefinitionSummary['versions'][number];

/** The definitions of each kind that has any, in the order of `DEFINITION_KINDS`, each by title. */
export function groupByKind(definitions: readonly DefinitionSummary[]): { kind: string; definitions: DefinitionSummary[] }[] {
  const order = (kind: string) => {
    const i = (DEFINITION_KINDS as readonly string[]).indexOf(kind);
    return i < 0 ? DEFINITION_KINDS.length : i;
  };
  const kinds = [...new Set(definitions.map((d) => d.kind))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return kinds.map((kind) => ({ kind, definitions: definitions.filter((d) => d.kind === kind).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)) }));
}

/**
 * How a version stands. A published version is current when new items get it; one in effect
 * later is scheduled; one below a current version is superseded; any other published version is
 * not used by new items (no current task type names it).
 */
export function standingOf(summary: Pick<DefinitionSummary, 'currentVersions'>, version: Pick<SummaryVersion, 'version' | 'status' | 'effectiveFrom'> & { approvedAt?: string | null }, now: Date): VersionStanding {
  switch (version.status) {
    case 'draft':
      return 'draft';
    case 'in_review':
      return version.approvedAt ? 'approved' : 'inReview';
    case 'retired':
      return 'retired';
    default:
      break;
  }
  if (summary.currentVersions.includes(version.version)) return 'current';
  if (version.effectiveFrom && Date.parse(version.effectiveFrom) > now.getTime()) return 'scheduled';
  return summary.currentVersions.some((c) => c > version.version) ? 'superseded' : 'notInUse';
}

/** The version a home row describes: the highest current one, else the highest published, else the latest. */
export function headlineVersion(summary: DefinitionSummary): SummaryVersion | undefined {
  const byNumber = [...summary.versions].sort((a, b) => b.version - a.version);
  const current = Math.max(...summary.currentVersions, 0);
  return byNumber.find((v) => v.version === current) ?? byNumber.find((v) => v.status === 'published') ?? byNumber[0];
}

/** Versions being worked on: drafts and those in review. */
export function openVersionsOf(summary: DefinitionSummary): SummaryVersion[] {
  return summary.versions.filter((v) => v.status === 'draft' || v.status === 'in_review');
}

/** Why a definition matches a search: its id or title, or the facts its conditions read that match. Undefined: no match. */
export function searchMatch(summary: DefinitionSummary, query: string): { facts: string[] } | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return { facts: [] };
  const facts = summary.facts.filter((f) => f.toLowerCase().includes(q));
  if (facts.length) return { facts };
  return summary.id.toLowerCase().includes(q) || summary.title.toLowerCase().includes(q) ? { facts: [] } : undefined;
}

/** A definition's kind by id (ids are unique across kinds), to link an `ID@VERSION` reference. */
export function kindsById(definitions: readonly DefinitionSummary[]): Map<string, string> {
  return new Map(definitions.map((d) => [d.id, d.kind]));
}

/** `ID@VERSION` split. */
export function parseRef(ref: string): { id: string; version: number } {
  const at = ref.lastIndexOf('@');
  return { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
}

/** Every draft and in-review version in the list, to read their authors and contributors. */
export function openVersionRefs(definitions: readonly DefinitionSummary[]): { kind: string; id: string; version: number }[] {
  return definitions.flatMap((d) => openVersionsOf(d).map((v) => ({ kind: d.kind, id: d.id, version: v.version })));
}

/**
 * The inbox of `userId` (a governance admin): versions in review, not yet approved, that they
 * contributed nothing to (four-eyes: the server refuses the author and every editor), oldest
 * submission first; and their own open versions (drafts, and those waiting for a reviewer), last changed first.
 */
export function reviewInbox(views: readonly VersionView[], userId: string): { awaitingMyReview: VersionView[]; myDrafts: VersionView[] } {
  const contributed = (v: VersionView) => v.author === userId || v.contributors.some((c) => c.contributor === userId);
  const awaitingMyReview = views.filter((v) => v.status === 'in_review' && !v.approvedAt && !contributed(v)).sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  const myDrafts = views.filter((v) => (v.status === 'draft' || v.status === 'in_review') && v.author === userId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { awaitingMyReview, myDrafts };
}
