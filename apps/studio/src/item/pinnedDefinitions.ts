/**
 * The definitions an item is pinned to, as far as the item screen needs them: the task type
 * (decision options and consequences, decision form) and its reason codes. Read from the
 * published versions named in `pinnedDefinitions`, so the screen shows what the runtime enforces.
 */
import type { MandateClient, WorkItem } from '@mandate/client';

export interface DecisionOption {
  code: string;
  label: string;
  consequence?: string;
  acknowledgement?: string;
}

export interface ReasonCode {
  code: string;
  label: string;
  appliesTo: string[];
  riskLevel?: string;
  requiresSecondApproval?: boolean;
}

export interface PinnedTaskType {
  id: string;
  version: number;
  title: string;
  description?: string;
  decisionOptions: DecisionOption[];
  decisionSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  reasonCodes: ReasonCode[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `ID@VERSION` split; undefined when malformed. */
export function parseRef(ref: string): { id: string; version: number } | undefined {
  const match = /^([A-Z][A-Z0-9_]*)@(\d+)$/.exec(ref);
  return match ? { id: match[1]!, version: Number(match[2]) } : undefined;
}

/** Decision options of a task type's content. */
export function decisionOptionsOf(content: Record<string, unknown>): DecisionOption[] {
  const options = Array.isArray(content.decisionOptions) ? content.decisionOptions : [];
  return options.filter(isRecord).flatMap((o) => {
    const code = str(o.code);
    if (!code) return [];
    const consequence = str(o.consequence);
    const acknowledgement = str(o.acknowledgement);
    return [{ code, label: str(o.label) ?? code, ...(consequence ? { consequence } : {}), ...(acknowledgement ? { acknowledgement } : {}) }];
  });
}

/** Codes of a reason-code set's content. */
export function reasonCodesOf(content: Record<string, unknown>): ReasonCode[] {
  const codes = Array.isArray(content.codes) ? content.codes : [];
  return codes.filter(isRecord).flatMap((c) => {
    const code = str(c.code);
    if (!code) return [];
    const riskLevel = str(c.riskLevel);
    return [{ code, label: str(c.label) ?? code, appliesTo: Array.isArray(c.appliesTo) ? c.appliesTo.filter((a): a is string => typeof a === 'string') : [], ...(riskLevel ? { riskLevel } : {}), ...(c.requiresSecondApproval === true ? { requiresSecondApproval: true } : {}) }];
  });
}

/** Loads the pinned task type and its reason codes through the client. */
export async function loadPinnedTaskType(client: MandateClient, item: WorkItem): Promise<PinnedTaskType> {
  const taskType = await client.getDefinitionVersion('TaskType', item.taskType, item.taskTypeVersion);
  const content = taskType.content;
  const reasonRef = parseRef(str(content.reasonCodeSet) ?? '');
  // The item's pins win over the task type's reference (a migration may have moved them).
  const pinnedReasons = reasonRef && item.pinnedDefinitions.map(parseRef).find((p) => p?.id === reasonRef.id);
  const reasons = pinnedReasons ?? reasonRef;
  const reasonCodes = reasons ? reasonCodesOf((await client.getDefinitionVersion('ReasonCodeSet', reasons.id, reasons.version)).content) : [];
  const description = str(content.description);
  return {
    id: item.taskType,
    version: item.taskTypeVersion,
    title: str(content.title) ?? item.taskType,
    ...(description ? { description } : {}),
    decisionOptions: decisionOptionsOf(content),
    decisionSchema: isRecord(content.decisionSchema) ? content.decisionSchema : { type: 'object', properties: {} },
    uiSchema: isRecord(content.uiSchema) ? content.uiSchema : {},
    reasonCodes,
  };
}
