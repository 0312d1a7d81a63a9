/**
 * The one place that talks to bpmn-moddle. Its elements are untyped and its problems arrive as
 * rejections or as `warnings`; everything outside this file sees a small plain model of what the
 * bindings and the lint read: processes, their user tasks with Camunda attributes and properties,
 * gateways, sequence flows with conditions, and timers.
 *
 * Quirks handled here (bpmn-moddle 10, camunda-bpmn-moddle 8):
 * - The package's main entry ships no type declarations, so it is imported by a specifier typed as
 *   a string and described by {@link ModdleApi} here.
 * - The reader is lax: an unknown element or attribute, or a reference to a missing id, is a
 *   warning on a successful parse, not a rejection. Both engines refuse such a file, so callers
 *   get them as problems.
 * - Line and column in its messages are 0-based (`line: 16`); problems carry them 1-based.
 */
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

/** A BPMN element as bpmn-moddle builds it: typed properties are plain fields; `get` reads extension attributes. */
interface ModdleElement {
  readonly $type: string;
  get(name: string): unknown;
  readonly [property: string]: unknown;
}

interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

interface ModdleApi {
  BpmnModdle: new (packages: Record<string, unknown>) => {
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: ModdleWarning[] }>;
  };
}

/** Where the reader found a problem, when it said. */
export interface XmlProblem {
  message: string;
  /** 1-based. */
  line?: number;
  column?: number;
  /** The element the problem concerns (an unresolved reference names the referring element). */
  elementId?: string;
}

/** A sequence flow. `condition` is the `conditionExpression` text, as written. */
export interface BpmnFlow {
  id: string;
  name?: string;
  sourceId?: string;
  targetId?: string;
  condition?: string;
}

/** Any flow node: events, tasks, gateways. `type` is the moddle type without its prefix, e.g. `UserTask`; flows in document order. */
export interface BpmnNode {
  id: string;
  type: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** A gateway's default flow id. */
  defaultFlowId?: string;
}

/** A `<camunda:property>` of a user task, in document order. */
export interface CamundaProperty {
  name: string;
  value: string;
}

/** A user task with the Camunda attributes the bindings read. */
export interface BpmnUserTask extends BpmnNode {
  formKey?: string;
  candidateGroups?: string;
  properties: CamundaProperty[];
}

/** A timer event definition (boundary, intermediate or start). */
export interface BpmnTimer {
  /** The event the timer belongs to. */
  eventId: string;
  /** For a boundary timer: the activity it is attached to, and whether it interrupts it. */
  attachedToId?: string;
  interrupting?: boolean;
  kind: 'timeDuration' | 'timeDate' | 'timeCycle';
  expression: string;
}

/** The namespace of Mandate's own BPMN extension attributes (`mandate:starters` on a process). */
export const MANDATE_BPMN_NAMESPACE = 'https://mandate.dev/schema/bpmn';

/** One `<bpmn:process>`, with its sub-processes' contents flattened in. */
export interface BpmnProcess {
  id: string;
  name?: string;
  isExecutable: boolean;
  /** The `starters` attribute in {@link MANDATE_BPMN_NAMESPACE}, as written (the roles that may start it). */
  starters?: string;
  nodes: Map<string, BpmnNode>;
  flows: Map<string, BpmnFlow>;
  userTasks: BpmnUserTask[];
  timers: BpmnTimer[];
}

/** The outcome of reading a BPMN document: the model (with tolerated problems), or why there is none. */
export type BpmnReadResult = { ok: true; processes: BpmnProcess[]; problems: XmlProblem[] } | { ok: false; problem: XmlProblem };

/** Typed as a plain string so TypeScript does not look for the declarations the package lacks. */
const MODDLE_MODULE: string = 'bpmn-moddle';
let moddleApi: Promise<ModdleApi> | undefined;

function loadModdle(): Promise<ModdleApi> {
  moddleApi ??= import(MODDLE_MODULE) as Promise<ModdleApi>;
  return moddleApi;
}

/** Reads a BPMN 2.0 document with the Camunda extension. Never throws for bad input. */
export async function readBpmn(xml: string): Promise<BpmnReadResult> {
  const { BpmnModdle } = await loadModdle();
  const moddle = new BpmnModdle({ camunda });
  let parsed: { rootElement: ModdleElement; warnings: ModdleWarning[] };
  try {
    parsed = await moddle.fromXML(xml);
  } catch (e) {
    return { ok: false, problem: problemOf(e instanceof Error ? e.message : String(e)) };
  }
  const problems = parsed.warnings.map((w) => {
    const problem = problemOf(w.message);
    const elementId = w.element ? text(w.element, 'id') : undefined;
    return elementId && problem.line === undefined ? { ...problem, elementId } : problem;
  });
  const prefixes = mandatePrefixes(parsed.rootElement);
  const processes = list(parsed.rootElement, 'rootElements')
    .filter((e) => e.$type === 'bpmn:Process')
    .map((e) => toProcess(e, prefixes));
  return { ok: true, processes, problems };
}

/** Splits moddle's "message\n\tline: 16\n\tcolumn: 10\n\tnested error: ..." into parts. */
function problemOf(raw: string): XmlProblem {
  const line = /\bline: (\d+)/.exec(raw);
  const column = /\bcolumn: (\d+)/.exec(raw);
  const nested = /nested error: (.*)/.exec(raw);
  const head = raw.split('\n')[0]!.trim();
  const message = nested ? `${head}: ${nested[1]!.trim()}` : head;
  return {
    message: message.replace(/\s+/g, ' '),
    ...(line ? { line: Number(line[1]) + 1 } : {}),
    ...(column ? { column: Number(column[1]) + 1 } : {}),
  };
}

/** The prefixes the document declares for {@link MANDATE_BPMN_NAMESPACE} (moddle keeps foreign attributes by their prefixed name in `$attrs`). */
function mandatePrefixes(root: ModdleElement): string[] {
  return Object.entries(attrsOf(root)).flatMap(([name, value]) => (name.startsWith('xmlns:') && value === MANDATE_BPMN_NAMESPACE ? [name.slice('xmlns:'.length)] : []));
}

function attrsOf(element: ModdleElement): Record<string, unknown> {
  const attrs = element.$attrs;
  return typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
}

function toProcess(process: ModdleElement, mandatePrefixes: readonly string[]): BpmnProcess {
  const result: BpmnProcess = {
    id: text(process, 'id') ?? '',
    isExecutable: process.isExecutable === true,
    nodes: new Map(),
    flows: new Map(),
    userTasks: [],
    timers: [],
  };
  const name = text(process, 'name');
  if (name !== undefined) result.name = name;
  const attrs = attrsOf(process);
  const starters = mandatePrefixes.map((prefix) => attrs[`${prefix}:starters`]).find((v) => typeof v === 'string');
  if (typeof starters === 'string') result.starters = starters;
  collect(process, result);
  // `<bpmn:incoming>`/`<bpmn:outgoing>` are optional; a flow's sourceRef and targetRef are not.
  for (const node of result.nodes.values()) {
    node.incoming = [];
    node.outgoing = [];
  }
  for (const flow of result.flows.values()) {
    if (flow.sourceId !== undefined) result.nodes.get(flow.sourceId)?.outgoing.push(flow.id);
    if (flow.targetId !== undefined) result.nodes.get(flow.targetId)?.incoming.push(flow.id);
  }
  return result;
}

function collect(container: ModdleElement, into: BpmnProcess): void {
  for (const element of list(container, 'flowElements')) {
    const id = text(element, 'id') ?? '';
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow: BpmnFlow = { id };
      assignText(flow, 'name', element, 'name');
      const source = refId(element.sourceRef);
      const target = refId(element.targetRef);
      if (source !== undefined) flow.sourceId = source;
      if (target !== undefined) flow.targetId = target;
      const condition = expressionBody(element.conditionExpression);
      if (condition !== undefined) flow.condition = condition;
      into.flows.set(id, flow);
      continue;
    }
    const node: BpmnNode = { id, type: element.$type.replace(/^bpmn:/, ''), incoming: [], outgoing: [] };
    assignText(node, 'name', element, 'name');
    const defaultFlow = refId(element.default);
    if (defaultFlow !== undefined) node.defaultFlowId = defaultFlow;
    if (element.$type === 'bpmn:UserTask') {
      const task: BpmnUserTask = { ...node, properties: camundaProperties(element) };
      assignText(task, 'formKey', element, 'camunda:formKey');
      assignText(task, 'candidateGroups', element, 'camunda:candidateGroups');
      into.userTasks.push(task);
      into.nodes.set(id, task);
    } else into.nodes.set(id, node);
    for (const definition of list(element, 'eventDefinitions')) {
      if (definition.$type !== 'bpmn:TimerEventDefinition') continue;
      for (const kind of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
        const expression = expressionBody(definition[kind]);
        if (expression === undefined) continue;
        const timer: BpmnTimer = { eventId: id, kind, expression };
        if (element.$type === 'bpmn:BoundaryEvent') {
          const attachedTo = refId(element.attachedToRef);
          if (attachedTo !== undefined) timer.attachedToId = attachedTo;
          timer.interrupting = element.cancelActivity !== false;
        }
        into.timers.push(timer);
      }
    }
    if (list(element, 'flowElements').length > 0) collect(element, into);
  }
}

function camundaProperties(task: ModdleElement): CamundaProperty[] {
  const extensions = task.extensionElements as ModdleElement | undefined;
  if (!extensions) return [];
  return list(extensions, 'values')
    .filter((v) => v.$type === 'camunda:Properties')
    .flatMap((p) => list(p, 'values'))
    .map((p) => ({ name: text(p, 'name') ?? '', value: text(p, 'value') ?? '' }));
}

function isElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function list(element: ModdleElement, property: string): ModdleElement[] {
  const value = element.get(property);
  return Array.isArray(value) ? value.filter(isElement) : [];
}

function text(element: ModdleElement, property: string): string | undefined {
  const value = element.get(property);
  return typeof value === 'string' ? value : undefined;
}

function assignText<T extends object>(target: T, key: keyof T & string, element: ModdleElement, property: string): void {
  const value = text(element, property);
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

function refId(value: unknown): string | undefined {
  return isElement(value) ? text(value, 'id') : undefined;
}

function expressionBody(value: unknown): string | undefined {
  return isElement(value) ? text(value, 'body') : undefined;
}
