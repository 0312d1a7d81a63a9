import { describe, expect, it } from 'vitest';
import { addChild, canRemove, changeKind, negateAt, nodeAt, parseValue, formatValue, pathsOfFact, removeAt, updateAt, type ConditionNode } from './conditionTree.js';

const leaf = (path: string, value: unknown = 1) => ({ fact: 'item', path, operator: 'equal', value });
const tree: ConditionNode = { all: [leaf('a'), { any: [leaf('b'), { not: leaf('c') }] }] };

describe('condition tree editing', () => {
  it('addresses nodes by child indices, `not` having one child', () => {
    expect(nodeAt(tree, [1, 1, 0])).toEqual(leaf('c'));
    expect(nodeAt(tree, [5])).toBeUndefined();
  });

  it('replaces a nested node without touching the original tree', () => {
    const before = JSON.stringify(tree);
    const next = updateAt(tree, [1, 1, 0], () => leaf('z'));
    expect(nodeAt(next, [1, 1, 0])).toEqual(leaf('z'));
    expect(JSON.stringify(tree)).toBe(before);
    expect(nodeAt(next, [0])).toBe(nodeAt(tree, [0]));
  });

  it('adds children to all/any groups only', () => {
    expect(nodeAt(addChild(tree, [1], leaf('d')), [1, 2])).toEqual(leaf('d'));
    expect(addChild(tree, [1, 1], leaf('d'))).toEqual(tree);
    expect(addChild(tree, [0], leaf('d'))).toEqual(tree);
  });

  it('removes a child but never the root, the last child of a group or the child of a not', () => {
    expect(removeAt(tree, [0])).toEqual({ all: [{ any: [leaf('b'), { not: leaf('c') }] }] });
    expect(removeAt(tree, [])).toBe(tree);
    expect(removeAt(tree, [1, 1, 0])).toEqual(tree);
    const single = { all: [leaf('a')] };
    expect(removeAt(single, [0])).toEqual(single);
    expect(canRemove(single, [0])).toBe(false);
    expect(canRemove(tree, [1, 0])).toBe(true);
    expect(canRemove(tree, [1, 1, 0])).toBe(false);
  });

  it('changes a node kind keeping what it can', () => {
    expect(changeKind({ all: [leaf('a'), leaf('b')] }, 'any')).toEqual({ any: [leaf('a'), leaf('b')] });
    expect(changeKind({ all: [leaf('a')] }, 'not')).toEqual({ not: leaf('a') });
    expect(changeKind({ all: [leaf('a'), leaf('b')] }, 'not')).toEqual({ not: { all: [leaf('a'), leaf('b')] } });
    expect(changeKind({ not: leaf('a') }, 'all')).toEqual({ all: [leaf('a')] });
    expect(changeKind({ not: leaf('a') }, 'leaf')).toEqual(leaf('a'));
    expect(changeKind(leaf('a'), 'any')).toEqual({ any: [leaf('a')] });
    expect(changeKind(leaf('a'), 'leaf')).toEqual(leaf('a'));
  });

  it('negates a node in place', () => {
    expect(nodeAt(negateAt(tree, [0]), [0])).toEqual({ not: leaf('a') });
  });

  it('offers the catalogue paths of a fact', () => {
    expect(pathsOfFact('actor')).toContain('roles');
    expect(pathsOfFact('now')).toEqual([]);
    expect(pathsOfFact('unknown')).toEqual([]);
  });

  it('reads typed values as JSON and anything else as text, and writes them back the same', () => {
    expect(parseValue('50')).toBe(50);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('["A","B"]')).toEqual(['A', 'B']);
    expect(parseValue('{"fact":"authority","path":"limit"}')).toEqual({ fact: 'authority', path: 'limit' });
    expect(parseValue('GOLD')).toBe('GOLD');
    expect(parseValue('"42"')).toBe('42');
    for (const v of [50, true, ['A'], 'GOLD', { fact: 'now' }]) expect(parseValue(formatValue(v))).toEqual(v);
  });
});
