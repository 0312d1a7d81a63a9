/**
 * Cross-reference lint over a whole definition set: what a JSON Schema cannot see because it
 * spans fields or files. Every definition given here has passed its schema.
 */
import type {
  ActionPolicy,
  BusinessCalendar,
  Definition,
  PriorityModel,
  ReasonCodeSet,
  SlaPolicy,
  TaskType,
  VisibilityPolicy,
  AuthorityPolicy,
} from '../generated/types.js';
import type { FindingCode } from '../findingCodes.js';
import { error, warning, type RawFinding, type UnplacedFinding } from '../findings.js';
import { describeFinding } from '../sentences/describeFinding.js';
import { toPointer } from '../jsonPointer.js';
import { schemaProblems } from '../validation/validateAgainstSchema.js';
import { durationMinutes, formatDuration } from '../durations.js';
import { evidenceSteps, factTypeOfSchema, resolveEvidencePath } from './resolveEvidencePath.js';
import { lintConditions, type ConditionContext } from './lintConditions.js';
import { refOf, referencesOf } from './referencesOf.js';

/** A schema-valid definition and the file it came from. */
export interface DefinitionEntry {
  file: string;
  definition: Definition;
}

/** A lint finding placed in a file, not yet located in its text. */
export type FileFinding = UnplacedFinding & { file: string };

/** A check's finding placed in a file, before its sentence is written. */
type RawFileFinding = RawFinding & { file: string };

/** Lints a set of definitions against each other. Pure; never throws on schema-valid input. */
export function lintDefinitionSet(entries: readonly DefinitionEntry[], options: { invalidRefs?: ReadonlySet<string> } = {}): FileFinding[] {
  const index = indexDefinitions(entries, options.invalidRefs ?? new Set());
  const findings: RawFileFinding[] = [...index.findings];
  for (const entry of entries) {
    const add = (list: RawFinding[]) => list.forEach((f) => findings.push({ ...f, file: entry.file }));
    add(lintReferences(entry.definition, index));
    add(lintDefinition(entry, index));
  }
  findings.push(...lintCycles(entries, index));
  const documents = new Map(entries.map((e) => [e.file, e.definition] as const));
  return findings.map((f) => ({ ...describeFinding(f, documents.get(f.file)), file: f.file }));
}

interface DefinitionIndex {
  byRef: Map<string, DefinitionEntry>;
  /** `ID@VERSION` of files that exist but failed their schema. */
  invalidRefs: ReadonlySet<string>;
  /** Task types that reference a definition, by the definition's `ID@VERSION`. */
  usedBy: Map<string, TaskType[]>;
  findings: RawFileFinding[];
}

function indexDefinitions(entries: readonly DefinitionEntry[], invalidRefs: ReadonlySet<string>): DefinitionIndex {
  const byRef = new Map<string, DefinitionEntry>();
  const kindOfId = new Map<string, DefinitionEntry>();
  const findings: RawFileFinding[] = [];
  for (const entry of entries) {
    const def = entry.definition;
    const ref = refOf(def);
    const first = byRef.get(ref);
    if (first) {
      findings.push({ ...error('DUPLICATE_DEFINITION', '/id', `${ref} is already defined in ${first.file}`, { ref, otherFile: first.file }), file: entry.file });
      continue;
    }
    byRef.set(ref, entry);
    const sameId = kindOfId.get(def.id);
    if (sameId && sameId.definition.kind !== def.kind) {
      findings.push({ ...error('DEFINITION_ID_KIND_CONFLICT', '/kind', `id ${def.id} is a ${sameId.definition.kind} in ${sameId.file}; an id names one kind`, { id: def.id, otherKind: sameId.definition.kind }), file: entry.file });
    } else if (!sameId) kindOfId.set(def.id, entry);
    findings.push(...lintLayout(entry));
  }
  const usedBy = new Map<string, TaskType[]>();
  for (const { definition } of byRef.values()) {
    if (definition.kind !== 'TaskType') continue;
    for (const { ref } of referencesOf(definition)) {
      const users = usedBy.get(ref) ?? [];
      users.push(definition);
      usedBy.set(ref, users);
    }
  }
  return { byRef, invalidRefs, usedBy, findings };
}

/** A file that names its place (`<Kind>/<ID>/v<N>.json`) must agree with its content. */
function lintLayout({ file, definition }: DefinitionEntry): RawFileFinding[] {
  const match = /(?:^|[\\/])([A-Za-z]+)[\\/]([A-Z0-9_]+)[\\/]v(\d+)\.json$/.exec(file);
  if (!match) return [];
  const [, kind, id, version] = match;
  if (kind === definition.kind && id === definition.id && Number(version) === definition.version) return [];
  return [{
    ...warning('DEFINITION_PATH_MISMATCH', '', `file path says ${kind}/${id}/v${version} but the content is ${definition.kind} ${refOf(definition)}`, { pathRef: `${id}@${version}`, ref: refOf(definition) }),
    file,
  }];
}

function lintReferences(def: Definition, index: DefinitionIndex): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { pointer, ref, expectedKind } of referencesOf(def)) {
    const target = index.byRef.get(ref);
    if (!target && index.invalidRefs.has(ref)) {
      findings.push(warning('REFERENCE_TARGET_INVALID', pointer, `${expectedKind} ${ref} exists but fails its schema; fix that file first`, { ref }));
    } else if (!target) {
      const versions = [...index.byRef.keys()].filter((k) => k.startsWith(`${ref.split('@')[0]}@`));
      const hint = versions.length ? `; known versions: ${versions.join(', ')}` : '';
      findings.push(error('REFERENCE_NOT_FOUND', pointer, `${expectedKind} ${ref} does not exist${hint}`, { ref, count: versions.length, known: versions.join(', ') }));
    } else if (target.definition.kind !== expectedKind) {
      findings.push(error('REFERENCE_KIND_MISMATCH', pointer, `${ref} is a ${target.definition.kind}, expected a ${expectedKind}`, { ref, actualKind: target.definition.kind, expectedKind }));
    }
  }
  return findings;
}

function lintDefinition(entry: DefinitionEntry, index: DefinitionIndex): RawFinding[] {
  const def = entry.definition;
  const usedBy = index.usedBy.get(refOf(def)) ?? [];
  const evidence = { evidenceSchemas: usedBy.map((t) => t.evidenceSchema), users: usedBy.map(refOf) };
  switch (def.kind) {
    case 'TaskType':
      return lintTaskType(def, index);
    case 'ReasonCodeSet':
      return lintReasonCodeSet(def, usedBy, index);
    case 'SlaPolicy':
      return lintSlaPolicy(def, evidence);
    case 'BusinessCalendar':
      return lintCalendar(def);
    case 'PriorityModel':
      return lintPriorityModel(def, evidence, index);
    case 'VisibilityPolicy':
      return lintVisibilityPolicy(def, usedBy);
    case 'ActionPolicy':
      return lintActionPolicy(def, usedBy);
    case 'AuthorityPolicy':
      return lintAuthorityPolicy(def);
  }
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, code: FindingCode, pointerOf: (i: number) => string, what: string, param = 'code'): RawFinding[] {
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) findings.push(error(code, pointerOf(i), `${what} ${k} appears more than once`, { [param]: k }));
    seen.add(k);
  });
  return findings;
}

/** The fields of a decision form: its properties and those a condition adds (`allOf: [{ if, then, else }]`, a field shown for some decisions only). */
function decisionFormFields(schema: Record<string, unknown>): string[] {
  const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const conditions = Array.isArray(schema.allOf) ? schema.allOf.map(record) : [];
  const branches = [schema, ...conditions.flatMap((c) => [c?.then, c?.else])];
  return branches.flatMap((b) => Object.keys(record(record(b)?.properties) ?? {}));
}

function lintTaskType(def: TaskType, index: DefinitionIndex): RawFinding[] {
  const findings = duplicates(def.decisionOptions, (o) => o.code, 'DUPLICATE_DECISION_OPTION', (i) => `/decisionOptions/${i}/code`, 'decision option');
  for (const [field, code] of [['decisionSchema', 'DECISION_SCHEMA_INVALID'], ['evidenceSchema', 'EVIDENCE_SCHEMA_INVALID']] as const) {
    const problems = schemaProblems(def[field]);
    if (problems.length) findings.push(error(code, `/${field}`, `not a valid JSON Schema: ${problems.slice(0, 3).join('; ')}`, { problem: problems[0] ?? '' }));
  }
  const optionCodes = def.decisionOptions.map((o) => o.code);
  const decisionEnum = (def.decisionSchema as { properties?: { decision?: { enum?: unknown } } }).properties?.decision?.enum;
  const sameSet = (a: readonly unknown[], b: readonly unknown[]) => a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
  if (Array.isArray(decisionEnum) && !sameSet(decisionEnum, optionCodes)) {
    findings.push(error('DECISION_SCHEMA_OPTIONS_MISMATCH', '/decisionSchema/properties/decision/enum', `the decision form offers ${JSON.stringify(decisionEnum)} but the decision options are ${JSON.stringify(optionCodes)}`, { offered: decisionEnum.map(String).join(', '), options: optionCodes.join(', ') }));
  }
  const formFields = decisionFormFields(def.decisionSchema);
  for (const key of Object.keys(def.uiSchema ?? {})) {
    if (!key.startsWith('ui:') && !formFields.includes(key)) {
      findings.push(error('UI_SCHEMA_UNKNOWN_FIELD', toPointer(['uiSchema', key]), `uiSchema names "${key}", which is not a field of the decision schema`, { name: key }));
    }
  }
  if (def.authority) {
    const measure = resolveEvidencePath(def.evidenceSchema, evidenceSteps(def.authority.evidencePath));
    if (!measure) {
      findings.push(error('EVIDENCE_PATH_UNKNOWN', '/authority/evidencePath', `${def.authority.evidencePath} is not in the evidence schema`, { path: def.authority.evidencePath }));
    } else if (factTypeOfSchema(measure) !== 'number') {
      findings.push(error('AUTHORITY_MEASURE_NOT_NUMBER', '/authority/evidencePath', `${def.authority.evidencePath} must be a number (type number or integer) to compare with authority limits`, { path: def.authority.evidencePath }));
    }
  }
  if (def.decisionOptions.some((o) => o.requiresAuthority) && !def.authorityPolicy) {
    findings.push(error('AUTHORITY_POLICY_MISSING', '/decisionOptions', 'a decision option requires authority but the task type names no authority policy'));
  }

  const reasons = index.byRef.get(def.reasonCodeSet)?.definition;
  if (reasons?.kind === 'ReasonCodeSet') {
    def.decisionOptions.forEach((option, i) => {
      if (option.requiresReasonCode && !reasons.codes.some((c) => c.appliesTo.includes(option.code))) {
        findings.push(error('REASON_CODE_MISSING_FOR_DECISION', `/decisionOptions/${i}/requiresReasonCode`, `decision ${option.code} requires a reason, but ${def.reasonCodeSet} has no code that applies to it`, { decision: option.code, reasonCodeSet: def.reasonCodeSet }));
      }
    });
  }
  const actions = index.byRef.get(def.actionPolicy)?.definition;
  if (actions?.kind === 'ActionPolicy') {
    def.decisionOptions.forEach((option, i) => {
      if ((actions.forbiddenActions ?? []).some((f) => f.code === option.code)) {
        findings.push(error('DECISION_FORBIDDEN_BY_ACTION_POLICY', `/decisionOptions/${i}/code`, `decision ${option.code} is a forbidden action in ${def.actionPolicy}`, { decision: option.code, actionPolicy: def.actionPolicy }));
      }
    });
  }
  def.decisionOptions.forEach((option, i) => {
    (option.requiresEvidence ?? []).forEach((path, j) => {
      if (!resolveEvidencePath(def.evidenceSchema, evidenceSteps(path))) {
        findings.push(error('EVIDENCE_PATH_UNKNOWN', `/decisionOptions/${i}/requiresEvidence/${j}`, `${path} is not in the evidence schema`, { path }));
      }
    });
    if (option.enabledWhen) findings.push(...lintConditions(option.enabledWhen, `/decisionOptions/${i}/enabledWhen`, { evidenceSchemas: [def.evidenceSchema], users: [refOf(def)] }));
  });
  (def.followUps ?? []).forEach((f, i) => {
    if (!optionCodes.includes(f.onDecision)) {
      findings.push(error('FOLLOW_UP_UNKNOWN_DECISION', `/followUps/${i}/onDecision`, `follow-up on ${f.onDecision}, which is not a decision option`, { decision: f.onDecision }));
    }
  });
  return findings;
}

/** A reason applies to decision options of the task types using the set, or to actions of their action policies (REASSIGN, ESCALATE). */
function lintReasonCodeSet(def: ReasonCodeSet, usedBy: TaskType[], index: DefinitionIndex): RawFinding[] {
  const findings = duplicates(def.codes, (c) => c.code, 'DUPLICATE_CODE', (i) => `/codes/${i}/code`, 'reason code');
  if (usedBy.length === 0) return findings;
  const offered = new Set(usedBy.flatMap((t) => t.decisionOptions.map((o) => o.code)));
  for (const t of usedBy) {
    const actions = index.byRef.get(t.actionPolicy)?.definition;
    if (actions?.kind === 'ActionPolicy') for (const a of actions.safeActions) offered.add(a.code);
  }
  def.codes.forEach((c, i) => {
    c.appliesTo.forEach((code, j) => {
      if (!offered.has(code)) {
        findings.push(error('REASON_CODE_UNKNOWN_DECISION', `/codes/${i}/appliesTo/${j}`, `${c.code} applies to ${code}, which is no decision or action of a task type using this set`, { code: c.code, decision: code }));
      }
    });
  });
  return findings;
}

function lintSlaPolicy(def: SlaPolicy, evidence: ConditionContext): RawFinding[] {
  const findings = duplicates(def.rules ?? [], (r) => r.name, 'DUPLICATE_RULE_NAME', (i) => `/rules/${i}/name`, 'rule', 'name');
  const terms = [{ pointer: '/default', t: def.default }, ...(def.rules ?? []).map((r, i) => ({ pointer: `/rules/${i}/event/params`, t: r.event.params }))];
  for (const { pointer, t } of terms) {
    if (t.warnBefore && durationMinutes(t.warnBefore) >= durationMinutes(t.dueIn)) {
      findings.push(error('SLA_WARNING_NOT_BEFORE_DUE', `${pointer}/warnBefore`, `warning ${t.warnBefore} before due is not shorter than the due time ${t.dueIn}`, { warnBefore: formatDuration(t.warnBefore), dueIn: formatDuration(t.dueIn) }));
    }
    if (durationMinutes(t.dueIn) === 0) findings.push(error('SLA_ZERO_DUE', `${pointer}/dueIn`, 'the due time must be longer than zero'));
  }
  (def.rules ?? []).forEach((r, i) => findings.push(...lintConditions(r.conditions, `/rules/${i}/conditions`, evidence)));
  return findings;
}


function lintCalendar(def: BusinessCalendar): RawFinding[] {
  const findings = duplicates(def.holidays ?? [], (h) => h.date, 'DUPLICATE_HOLIDAY', (i) => `/holidays/${i}/date`, 'holiday', 'date');
  if (!isTimeZone(def.timeZone)) findings.push(error('CALENDAR_UNKNOWN_TIME_ZONE', '/timeZone', `${def.timeZone} is not an IANA time zone`, { timeZone: def.timeZone }));
  const spans = new Map<string, { from: number; to: number; i: number }[]>();
  def.workingHours.forEach((h, i) => {
    const from = minutesOfDay(h.from);
    const to = minutesOfDay(h.to);
    if (from >= to) {
      findings.push(error('CALENDAR_EMPTY_WORKING_HOURS', `/workingHours/${i}`, `working hours ${h.from}-${h.to} end before they start`, { from: h.from, to: h.to }));
      return;
    }
    for (const day of h.days) {
      const list = spans.get(day) ?? [];
      const clash = list.find((s) => from < s.to && s.from < to);
      if (clash) findings.push(error('CALENDAR_OVERLAPPING_HOURS', `/workingHours/${i}`, `${day} ${h.from}-${h.to} overlaps working hours #${clash.i + 1}`, { day, from: h.from, to: h.to, other: clash.i + 1 }));
      list.push({ from, to, i });
      spans.set(day, list);
    }
  });
  return findings;
}

function lintPriorityModel(def: PriorityModel, evidence: ConditionContext, index: DefinitionIndex): RawFinding[] {
  const findings = duplicates(def.rules, (r) => r.name, 'DUPLICATE_PRIORITY_REASON', (i) => `/rules/${i}/name`, 'priority reason', 'name');
  def.rules.forEach((r, i) => findings.push(...lintConditions(r.conditions, `/rules/${i}/conditions`, evidence)));
  const taskTypeIds = new Set([...index.byRef.values()].filter((e) => e.definition.kind === 'TaskType').map((e) => e.definition.id));
  for (const id of Object.keys(def.baseWeights ?? {})) {
    if (taskTypeIds.size > 0 && !taskTypeIds.has(id)) {
      findings.push(warning('PRIORITY_UNKNOWN_TASK_TYPE', toPointer(['baseWeights', id]), `base weight for ${id}, which is not a task type in this set`, { taskType: id }));
    }
  }
  return findings;
}

function lintVisibilityPolicy(def: VisibilityPolicy, usedBy: TaskType[]): RawFinding[] {
  const findings = duplicates(def.fields, (f) => f.path, 'DUPLICATE_VISIBILITY_PATH', (i) => `/fields/${i}/path`, 'field', 'path');
  const evidence = { evidenceSchemas: usedBy.map((t) => t.evidenceSchema), users: usedBy.map(refOf) };
  def.fields.forEach((field, i) => {
    for (const taskType of usedBy) {
      if (!resolveEvidencePath(taskType.evidenceSchema, evidenceSteps(field.path))) {
        findings.push(error('VISIBILITY_PATH_NOT_IN_EVIDENCE', `/fields/${i}/path`, `${field.path} is not in the evidence schema of ${refOf(taskType)}`, { path: field.path, taskType: refOf(taskType) }));
      }
    }
    if (field.visibleWhen) findings.push(...lintConditions(field.visibleWhen, `/fields/${i}/visibleWhen`, evidence));
  });
  (def.restrictedAudiences ?? []).forEach((audience, i) => {
    audience.visiblePaths.forEach((path, j) => {
      for (const taskType of usedBy) {
        if (!resolveEvidencePath(taskType.evidenceSchema, evidenceSteps(path))) {
          findings.push(error('VISIBILITY_PATH_NOT_IN_EVIDENCE', `/restrictedAudiences/${i}/visiblePaths/${j}`, `${path} is not in the evidence schema of ${refOf(taskType)}`, { path, taskType: refOf(taskType) }));
        }
      }
    });
  });
  return findings;
}

function lintActionPolicy(def: ActionPolicy, usedBy: TaskType[]): RawFinding[] {
  const findings = [
    ...duplicates(def.safeActions, (a) => a.code, 'DUPLICATE_ACTION', (i) => `/safeActions/${i}/code`, 'action'),
    ...duplicates(def.forbiddenActions ?? [], (a) => a.code, 'DUPLICATE_ACTION', (i) => `/forbiddenActions/${i}/code`, 'forbidden action'),
  ];
  const safe = new Set(def.safeActions.map((a) => a.code));
  (def.forbiddenActions ?? []).forEach((f, i) => {
    if (safe.has(f.code)) findings.push(error('ACTION_BOTH_SAFE_AND_FORBIDDEN', `/forbiddenActions/${i}/code`, `${f.code} is listed as both a safe and a forbidden action`, { code: f.code }));
    if (f.instead && !safe.has(f.instead)) findings.push(error('FORBIDDEN_ACTION_UNKNOWN_ALTERNATIVE', `/forbiddenActions/${i}/instead`, `${f.instead} is not a safe action of this policy`, { instead: f.instead }));
  });
  const evidence = { evidenceSchemas: usedBy.map((t) => t.evidenceSchema), users: usedBy.map(refOf) };
  def.safeActions.forEach((action, i) => {
    const paths: [string, string][] = [
      ...(action.requires?.evidence ?? []).map((path, j): [string, string] => [path, `/safeActions/${i}/requires/evidence/${j}`]),
      ...(action.attachesEvidence ?? []).map((path, j): [string, string] => [path, `/safeActions/${i}/attachesEvidence/${j}`]),
    ];
    for (const [path, pointer] of paths) {
      for (const taskType of usedBy) {
        if (!resolveEvidencePath(taskType.evidenceSchema, evidenceSteps(path))) {
          findings.push(error('EVIDENCE_PATH_UNKNOWN', pointer, `${path} is not in the evidence schema of ${refOf(taskType)}`, { path }));
        }
      }
    }
    if (action.dangerous && !(action.requires?.elevatedRoles?.length && action.requires.reasonCode && action.requires.secondApproval && action.requires.acknowledgement)) {
      findings.push(error('DANGEROUS_ACTION_UNGUARDED', `/safeActions/${i}`, `${action.code} is dangerous and must require an elevated role, a reason code, a second approval and an acknowledgement`, { code: action.code }));
    }
    if (action.enabledWhen) findings.push(...lintConditions(action.enabledWhen, `/safeActions/${i}/enabledWhen`, evidence));
  });
  return findings;
}

function lintAuthorityPolicy(def: AuthorityPolicy): RawFinding[] {
  return duplicates(def.grants, (g) => g.name, 'DUPLICATE_GRANT', (i) => `/grants/${i}/name`, 'grant', 'name');
}

/**
 * References must form no cycle (follow-up task chains, in particular). Depth-first with an
 * explicit stack, so a long chain cannot overflow the call stack.
 */
function lintCycles(entries: readonly DefinitionEntry[], index: DefinitionIndex): RawFileFinding[] {
  const findings: RawFileFinding[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  for (const root of entries) {
    const rootRef = refOf(root.definition);
    if (state.has(rootRef) || !index.byRef.has(rootRef)) continue;
    const path: string[] = [];
    const stack: { ref: string; next: number; refs: ReturnType<typeof referencesOf> }[] = [];
    const enter = (ref: string) => {
      state.set(ref, 'visiting');
      path.push(ref);
      stack.push({ ref, next: 0, refs: referencesOf(index.byRef.get(ref)!.definition) });
    };
    enter(rootRef);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const r = frame.refs[frame.next++];
      if (!r) {
        state.set(frame.ref, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      if (!index.byRef.has(r.ref) || state.get(r.ref) === 'done') continue;
      if (state.get(r.ref) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(r.ref)), r.ref];
        const key = [...new Set(cycle)].sort().join();
        if (!reported.has(key)) {
          reported.add(key);
          findings.push({ ...error('REFERENCE_CYCLE', r.pointer, `reference cycle: ${cycle.join(' -> ')}`, { cycle: cycle.join(' → ') }), file: index.byRef.get(frame.ref)!.file });
        }
        continue;
      }
      enter(r.ref);
    }
  }
  return findings;
}

/**
 * An IANA zone as the database spells it. Intl accepts any letter case (`europe/berlin`) and ICU
 * renames some zones (`Asia/Kolkata` resolves to `Asia/Calcutta`), so: Intl must accept the name,
 * and each part must start with a capital, as every IANA name does.
 */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  return zone.split('/').every((part) => /^[A-Z]/.test(part));
}

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
