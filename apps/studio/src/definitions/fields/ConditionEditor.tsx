import type { FieldProps } from '@rjsf/utils';
import { useId } from 'react';
import { errorsAt } from '../findingsToErrorSchema.js';
import {
  FACT_NAMES,
  OPERATOR_NAMES,
  addChild,
  canRemove,
  changeKind,
  childrenOf,
  formatValue,
  kindOf,
  negateAt,
  newLeaf,
  parseValue,
  pathsOfFact,
  removeAt,
  updateAt,
  type ConditionKind,
  type ConditionNode,
  type ConditionPath,
  type LeafCondition,
} from './conditionTree.js';

const KIND_LABELS: Record<ConditionKind, string> = { all: 'all of', any: 'any of', not: 'not', leaf: 'comparison' };

interface NodeProps {
  tree: ConditionNode;
  path: ConditionPath;
  errorSchema: unknown;
  locked: boolean;
  label: string;
  onChange: (tree: ConditionNode) => void;
  /** Whether this node may become a leaf (the root of a rule must stay a group). */
  leafAllowed: boolean;
}

function Errors({ errors }: { errors: string[] }) {
  return errors.length ? (
    <ul className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

function errorChild(errorSchema: unknown, node: ConditionNode, index: number): unknown {
  const kind = kindOf(node);
  const group = typeof errorSchema === 'object' && errorSchema !== null ? (errorSchema as Record<string, unknown>)[kind] : undefined;
  if (kind === 'not') return group;
  return typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[String(index)] : undefined;
}

function LeafRow({ leaf, id, label, locked, errorSchema, onChange }: { leaf: LeafCondition; id: string; label: string; locked: boolean; errorSchema: unknown; onChange: (leaf: LeafCondition) => void }) {
  const paths = pathsOfFact(leaf.fact);
  const set = (change: Partial<LeafCondition>) => {
    const next: LeafCondition = { ...leaf, ...change };
    if (next.path === '' || next.path === undefined) delete next.path;
    onChange(next);
  };
  const factPathList = `${id}-paths`;
  return (
    <div className="condition-leaf" role="group" aria-label={label}>
      <label>
        <span>Fact</span>
        <select value={leaf.fact} disabled={locked} onChange={(e) => set({ fact: e.target.value, path: pathsOfFact(e.target.value)[0] })}>
          {FACT_NAMES.includes(leaf.fact) ? null : <option value={leaf.fact}>{leaf.fact}</option>}
          {FACT_NAMES.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        <span>Path</span>
        <input list={factPathList} value={leaf.path ?? ''} disabled={locked || leaf.fact === 'now'} aria-invalid={errorsAt(errorSchema, 'path').length > 0} onChange={(e) => set({ path: e.target.value })} />
        <datalist id={factPathList}>
          {paths.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <label>
        <span>Operator</span>
        <select value={leaf.operator} disabled={locked} onChange={(e) => set({ operator: e.target.value })}>
          {OPERATOR_NAMES.includes(leaf.operator) ? null : <option value={leaf.operator}>{leaf.operator}</option>}
          {OPERATOR_NAMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <label>
        <span>Value</span>
        <input
          defaultValue={formatValue(leaf.value)}
          key={formatValue(leaf.value)}
          disabled={locked}
          aria-invalid={errorsAt(errorSchema, 'value').length > 0}
          title='JSON for numbers, booleans, lists and {"fact": ...}; anything else is text'
          onBlur={(e) => set({ value: parseValue(e.target.value) })}
        />
      </label>
      <Errors errors={[...errorsAt(errorSchema), ...errorsAt(errorSchema, 'fact'), ...errorsAt(errorSchema, 'path'), ...errorsAt(errorSchema, 'operator'), ...errorsAt(errorSchema, 'value')]} />
    </div>
  );
}

function ConditionNodeEditor({ tree, path, errorSchema, locked, label, onChange, leafAllowed }: NodeProps) {
  const id = useId();
  let node = tree;
  for (const i of path) node = childrenOf(node)[i] ?? node;
  const kind = kindOf(node);
  const replace = (fn: (n: ConditionNode) => ConditionNode) => onChange(updateAt(tree, path, fn));
  const kinds: ConditionKind[] = leafAllowed ? ['all', 'any', 'not', 'leaf'] : ['all', 'any', 'not'];
  const toolbar = (
    <div className="condition-toolbar">
      <label>
        <span className="visually-hidden">Kind of {label}</span>
        <select value={kind} disabled={locked} onChange={(e) => replace((n) => changeKind(n, e.target.value as ConditionKind))}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {!locked && (kind === 'all' || kind === 'any') && (
        <>
          <button type="button" onClick={() => onChange(addChild(tree, path, newLeaf()))}>
            Add comparison
          </button>
          <button type="button" onClick={() => onChange(addChild(tree, path, { all: [newLeaf()] }))}>
            Add group
          </button>
        </>
      )}
      {!locked && path.length > 0 && (
        <button type="button" aria-label={`Negate ${label}`} onClick={() => onChange(negateAt(tree, path))}>
          Negate
        </button>
      )}
      {!locked && canRemove(tree, path) && (
        <button type="button" aria-label={`Remove ${label}`} onClick={() => onChange(removeAt(tree, path))}>
          Remove
        </button>
      )}
    </div>
  );
  if (kind === 'leaf') {
    return (
      <div className="condition-node">
        {toolbar}
        <LeafRow leaf={node as LeafCondition} id={id} label={label} locked={locked} errorSchema={errorSchema} onChange={(leaf) => replace(() => leaf)} />
      </div>
    );
  }
  return (
    <fieldset className={`condition-group condition-${kind}`}>
      <legend>{label}</legend>
      {toolbar}
      <Errors errors={[...errorsAt(errorSchema), ...errorsAt(errorSchema, kind)]} />
      <ol>
        {childrenOf(node).map((_, i) => (
          <li key={i}>
            <ConditionNodeEditor
              tree={tree}
              path={[...path, i]}
              errorSchema={errorChild(errorSchema, node, i)}
              locked={locked}
              label={`${label} › ${kind === 'not' ? 'negated' : `${i + 1}`}`}
              onChange={onChange}
              leafAllowed
            />
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

/**
 * An rjsf field for a json-rules-engine condition (`all` / `any` / `not` nested, leaves with fact,
 * path, operator and value from the catalogues of @mandate/definitions). Findings under the
 * condition show on the node they point at.
 */
export function ConditionEditor(props: FieldProps<ConditionNode>) {
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly, name } = props;
  const tree: ConditionNode = formData && typeof formData === 'object' && Object.keys(formData).length ? formData : { all: [newLeaf()] };
  return (
    <div className="condition-editor" id={fieldPathId.$id}>
      <ConditionNodeEditor
        tree={tree}
        path={[]}
        errorSchema={errorSchema}
        locked={disabled === true || readonly === true}
        label={props.uiSchema?.['ui:title'] ?? (name || 'Condition')}
        onChange={(next) => onChange(next, fieldPathId.path)}
        leafAllowed={false}
      />
    </div>
  );
}
