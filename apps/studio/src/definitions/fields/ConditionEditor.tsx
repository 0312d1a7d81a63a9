import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FactType } from '@mandate/definitions';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sentenceCase } from '../../forms/conceptUiSchema.js';
import { errorsAt } from '../findingsToErrorSchema.js';
import { addChild, canRemove, changeKind, childrenOf, kindOf, negateAt, newLeaf, removeAt, updateAt, type ConditionKind, type ConditionNode, type ConditionPath, type LeafCondition } from './conditionTree.js';
import { FACT_CHOICES, factKeyOf, factTypeOf, operatorsFor, typedList, typedValue, valueShapeOf } from './conditionVocabulary.js';

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
    <Box component="ul" className="field-errors" sx={{ color: 'error.main', m: 0, pl: 2.5, typography: 'caption' }}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </Box>
  ) : null;
}

function errorChild(errorSchema: unknown, node: ConditionNode, index: number): unknown {
  const kind = kindOf(node);
  const group = typeof errorSchema === 'object' && errorSchema !== null ? (errorSchema as Record<string, unknown>)[kind] : undefined;
  if (kind === 'not') return group;
  return typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[String(index)] : undefined;
}

function IconAction({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip title={label}>
      <IconButton size="small" aria-label={label} onClick={onClick}>
        {children}
      </IconButton>
    </Tooltip>
  );
}

/** The words of a fact: "The person acting › Roles (list)". */
function useFactWords() {
  const { t } = useTranslation('forms');
  return (fact: string, path: string | undefined, type: FactType | undefined) => {
    const root = t(`condition.factGroups.${fact}`, { defaultValue: sentenceCase(fact) });
    const name = path ? sentenceCase(path) : undefined;
    const typeWord = type ? ` (${t(`condition.types.${type}`)})` : '';
    return name ? `${name}${typeWord}` : `${root}${typeWord}`;
  };
}

/** The value of a comparison, typed by the fact and the operator. */
function ValueInput({ leaf, type, id, label, locked, invalid, onChange }: { leaf: LeafCondition; type: FactType | undefined; id: string; label: string; locked: boolean; invalid: boolean; onChange: (value: unknown) => void }) {
  const { t } = useTranslation('forms');
  const shape = valueShapeOf(leaf.operator, type);
  const common = { id, label: t('condition.value'), disabled: locked, error: invalid, size: 'small' as const, fullWidth: true, slotProps: { htmlInput: { 'aria-label': `${t('condition.value')}, ${label}` } } };
  if (leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value) && 'fact' in leaf.value) {
    const ref = leaf.value as { fact: string; path?: string };
    return <TextField {...common} label={t('condition.valueFact')} value={[ref.fact, ref.path].filter(Boolean).join('.')} slotProps={{ htmlInput: { readOnly: true } }} />;
  }
  if (shape.kind === 'presence' || (shape.kind === 'single' && shape.type === 'boolean')) {
    const words = shape.kind === 'presence' ? [t('condition.presence.true'), t('condition.presence.false')] : [t('condition.yes'), t('condition.no')];
    return (
      <TextField {...common} select slotProps={{ ...common.slotProps, select: { native: true }, inputLabel: { shrink: true } }} value={leaf.value === false ? 'false' : 'true'} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{words[0]}</option>
        <option value="false">{words[1]}</option>
      </TextField>
    );
  }
  if (shape.kind === 'list') {
    const text = Array.isArray(leaf.value) ? leaf.value.join(', ') : typeof leaf.value === 'string' ? leaf.value : '';
    return <ListText {...common} text={text} helper={t('condition.listHint')} onCommit={(typed) => onChange(typedList(typed, shape.type))} />;
  }
  if (shape.type === 'number') {
    return <TextField {...common} type="number" value={typeof leaf.value === 'number' ? leaf.value : ''} onChange={(e) => onChange(typedValue(e.target.value, 'number'))} />;
  }
  return <TextField {...common} value={typeof leaf.value === 'string' ? leaf.value : typeof leaf.value === 'number' || typeof leaf.value === 'boolean' ? String(leaf.value) : ''} onChange={(e) => onChange(typedValue(e.target.value, shape.type ?? (type ? 'string' : undefined)))} />;
}

/** A list typed with commas; kept as typed until it leaves the field. */
function ListText(props: { id: string; label: string; text: string; helper: string; disabled: boolean; error: boolean; size: 'small'; fullWidth: boolean; slotProps: object; onCommit: (text: string) => void }) {
  const { text, helper, onCommit, ...rest } = props;
  const [draft, setDraft] = useState<string>();
  return <TextField {...rest} value={draft ?? text} helperText={helper} onChange={(e) => setDraft(e.target.value)} onBlur={() => (draft !== undefined ? (onCommit(draft), setDraft(undefined)) : undefined)} />;
}

function LeafRow({ leaf, id, label, locked, errorSchema, onChange, actions }: { leaf: LeafCondition; id: string; label: string; locked: boolean; errorSchema: unknown; onChange: (leaf: LeafCondition) => void; actions: ReactNode }) {
  const { t } = useTranslation('forms');
  const words = useFactWords();
  const type = factTypeOf(leaf.fact, leaf.path);
  const key = factKeyOf(leaf.fact, leaf.path);
  const known = FACT_CHOICES.some((c) => c.key === key);
  const operators = operatorsFor(type);
  const set = (change: Partial<LeafCondition>) => {
    const next: LeafCondition = { ...leaf, ...change };
    if (next.path === '' || next.path === undefined) delete next.path;
    onChange(next);
  };
  const groups = [...new Set(FACT_CHOICES.map((c) => c.fact))];
  return (
    <Box className="cond-leaf" role="group" aria-label={label} sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', md: 'minmax(12rem, 2fr) minmax(10rem, 1.3fr) minmax(10rem, 2fr) auto' }, alignItems: 'start' }}>
      <Box sx={{ display: 'grid', gap: 1 }}>
        <TextField
          select
          size="small"
          id={`${id}-fact`}
          label={t('condition.fact')}
          value={known ? key : `${leaf.fact}.${leaf.path ?? ''}`}
          disabled={locked}
          error={errorsAt(errorSchema, 'fact').length > 0 || errorsAt(errorSchema, 'path').length > 0}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${t('condition.fact')}, ${label}` } }}
          onChange={(e) => {
            const choice = FACT_CHOICES.find((c) => c.key === e.target.value);
            if (!choice) return;
            const nextType = choice.type;
            const operator = operatorsFor(nextType).includes(leaf.operator) ? leaf.operator : (operatorsFor(nextType)[0] ?? leaf.operator);
            set({ fact: choice.fact, path: choice.key.endsWith('.*') ? (leaf.fact === choice.fact ? leaf.path : '') : choice.path, operator });
          }}
        >
          {known ? null : <option value={`${leaf.fact}.${leaf.path ?? ''}`}>{[leaf.fact, leaf.path].filter(Boolean).join('.')}</option>}
          {groups.map((fact) => (
            <optgroup key={fact} label={t(`condition.factGroups.${fact}`, { defaultValue: sentenceCase(fact) })}>
              {FACT_CHOICES.filter((c) => c.fact === fact).map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key.endsWith('.*') ? t('condition.evidencePath') : words(c.fact, c.path, c.type)}
                </option>
              ))}
            </optgroup>
          ))}
        </TextField>
        {key.endsWith('.*') ? (
          <TextField size="small" id={`${id}-path`} label={t('condition.evidencePath')} placeholder="quote.discountPercent" value={leaf.path ?? ''} disabled={locked} error={errorsAt(errorSchema, 'path').length > 0} onChange={(e) => set({ path: e.target.value })} />
        ) : null}
      </Box>
      <TextField select size="small" id={`${id}-operator`} label={t('condition.operator')} value={leaf.operator} disabled={locked} error={errorsAt(errorSchema, 'operator').length > 0} slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${t('condition.operator')}, ${label}` } }} onChange={(e) => set({ operator: e.target.value })}>
        {operators.includes(leaf.operator) ? null : <option value={leaf.operator}>{t(`condition.operators.${leaf.operator}`, { defaultValue: leaf.operator })}</option>}
        {operators.map((o) => (
          <option key={o} value={o}>
            {t(`condition.operators.${o}`)}
          </option>
        ))}
      </TextField>
      <ValueInput leaf={leaf} type={type} id={`${id}-value`} label={label} locked={locked} invalid={errorsAt(errorSchema, 'value').length > 0} onChange={(value) => set({ value })} />
      <Box sx={{ display: 'flex' }}>{actions}</Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <Errors errors={[...errorsAt(errorSchema), ...errorsAt(errorSchema, 'fact'), ...errorsAt(errorSchema, 'path'), ...errorsAt(errorSchema, 'operator'), ...errorsAt(errorSchema, 'value')]} />
      </Box>
    </Box>
  );
}

function ConditionNodeEditor({ tree, path, errorSchema, locked, label, onChange, leafAllowed }: NodeProps) {
  const { t } = useTranslation('forms');
  const id = useId();
  let node = tree;
  for (const i of path) node = childrenOf(node)[i] ?? node;
  const kind = kindOf(node);
  const replace = (fn: (n: ConditionNode) => ConditionNode) => onChange(updateAt(tree, path, fn));
  const kinds: ConditionKind[] = leafAllowed ? ['all', 'any', 'not', 'leaf'] : ['all', 'any', 'not'];
  const kindSelect = (
    <TextField
      select
      size="small"
      id={`${id}-kind`}
      label={t('condition.kindShort')}
      value={kind}
      disabled={locked}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${t('condition.kindShort')}: ${label}` } }}
      onChange={(e) => replace((n) => changeKind(n, e.target.value as ConditionKind))}
      sx={{ minWidth: { xs: '100%', sm: '14rem' } }}
    >
      {kinds.map((k) => (
        <option key={k} value={k}>
          {t(`condition.cases.${k}`)}
        </option>
      ))}
    </TextField>
  );
  const nodeActions = locked ? null : (
    <>
      {path.length > 0 && kind !== 'not' ? (
        <Button size="small" onClick={() => onChange(negateAt(tree, path))} aria-label={t('condition.negate', { label })}>
          {t('condition.negateShort')}
        </Button>
      ) : null}
      {canRemove(tree, path) ? (
        <IconAction label={t('condition.remove', { label })} onClick={() => onChange(removeAt(tree, path))}>
          <DeleteOutlineIcon fontSize="small" aria-hidden />
        </IconAction>
      ) : null}
    </>
  );
  if (kind === 'leaf') {
    return (
      <Box className="cond-node" sx={{ display: 'grid', gap: 1 }}>
        {leafAllowed && path.length > 0 ? <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>{kindSelect}</Box> : null}
        <LeafRow leaf={node as LeafCondition} id={id} label={label} locked={locked} errorSchema={errorSchema} onChange={(leaf) => replace(() => leaf)} actions={nodeActions} />
      </Box>
    );
  }
  return (
    <Box component="fieldset" className={`cond-group cond-${kind}`} sx={{ border: 0, borderLeft: 3, borderColor: 'divider', m: 0, pl: { xs: 1, sm: 1.5 }, pr: 0, py: 0.5, minWidth: 0 }}>
      <Typography component="legend" className="visually-hidden">
        {label}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
        {kindSelect}
        {nodeActions}
      </Box>
      <Errors errors={[...errorsAt(errorSchema), ...errorsAt(errorSchema, kind)]} />
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
        {childrenOf(node).map((_, i) => (
          <li key={i}>
            <ConditionNodeEditor
              tree={tree}
              path={[...path, i]}
              errorSchema={errorChild(errorSchema, node, i)}
              locked={locked}
              label={`${label} › ${kind === 'not' ? t('condition.negated') : t('condition.comparison', { n: i + 1 })}`}
              onChange={onChange}
              leafAllowed
            />
          </li>
        ))}
      </Box>
      {!locked && (kind === 'all' || kind === 'any') ? (
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <Button size="small" startIcon={<AddIcon aria-hidden />} onClick={() => onChange(addChild(tree, path, newLeaf()))} aria-label={`${t('condition.addComparison')}: ${label}`}>
            {t('condition.addComparison')}
          </Button>
          <Button size="small" startIcon={<AddIcon aria-hidden />} onClick={() => onChange(addChild(tree, path, { all: [newLeaf()] }))} aria-label={`${t('condition.addGroup')}: ${label}`}>
            {t('condition.addGroup')}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}

/**
 * A condition tree (all / any / not nested, comparisons of a fact with a value) in words: facts
 * from the catalogue with their labels and types, operators as phrases ("is at least"), values
 * typed per fact. Findings under the condition show on the node they point at.
 */
export function ConditionEditor(props: { value: ConditionNode | undefined; onChange: (tree: ConditionNode) => void; errorSchema: unknown; locked: boolean; label: string; leafAllowed?: boolean }) {
  const tree: ConditionNode = props.value && typeof props.value === 'object' && Object.keys(props.value).length ? props.value : { all: [newLeaf()] };
  return (
    <Box className="cond-editor">
      <ConditionNodeEditor tree={tree} path={[]} errorSchema={props.errorSchema} locked={props.locked} label={props.label} onChange={props.onChange} leafAllowed={props.leafAllowed === true} />
    </Box>
  );
}
