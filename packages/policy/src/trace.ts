import type { ConditionTrace } from './rules/RuleSpec.js';

/** The names of the failed named checks of a trace, in order (the first is the disabled reason). */
export function failedChecks(trace: ConditionTrace): string[] {
  const failed: string[] = [];
  const walk = (node: ConditionTrace, named: boolean) => {
    // A named node reports itself once; its children explain it in the trace.
    if (node.name !== undefined && !named) {
      if (!node.result) failed.push(node.name);
      return;
    }
    if ('all' in node) node.all.forEach((c) => walk(c, false));
    else if ('any' in node) node.any.forEach((c) => walk(c, false));
    else if ('not' in node) walk(node.not, false);
  };
  walk(trace, false);
  return [...new Set(failed)];
}
