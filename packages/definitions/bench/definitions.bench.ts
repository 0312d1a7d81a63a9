// Benchmarks: validate+lint throughput over the shipped set replicated to 1,000+ definitions, and
// the time of the largest diffs. Prints `BENCH <name> key=value ...` lines.
import { performance } from 'node:perf_hooks';
import { shippedSources } from '../test-support/shippedDefinitions.js';
import type { Definition } from '../src/generated/types.js';
import { diffDefinitionSets, diffDefinitions } from '../src/diff/diffDefinitions.js';
import { validateDefinitionSources, type DefinitionSource } from '../src/validateDefinitionSources.js';

const TARGET = 1000;
const shipped = shippedSources();
const ids = [...new Set(shipped.map((s) => (JSON.parse(s.text) as { id: string }).id))].sort((a, b) => b.length - a.length);
const idPattern = new RegExp(`\\b(${ids.join('|')})\\b`, 'g');

/** Copy `k` of the shipped set, every id renamed `<ID>_R<k>` so references resolve within the copy. */
function replica(k: number): DefinitionSource[] {
  return shipped.map((s) => ({ file: s.file.replace('definitions/', `replica-${k}/`), text: s.text.replace(idPattern, `$1_R${k}`) }));
}

const copies = Math.ceil(TARGET / shipped.length);
const corpus = Array.from({ length: copies }, (_, k) => replica(k)).flat();

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

// Validate + lint.
const cold = time(() => validateDefinitionSources(corpus));
if (!cold.value.ok || cold.value.definitions.length !== corpus.length) {
  throw new Error(`replicated corpus must validate cleanly: ${cold.value.findings.slice(0, 3).map((f) => f.code).join(', ')}`);
}
const warmRuns = Array.from({ length: 7 }, () => time(() => validateDefinitionSources(corpus)).ms);
const warm = median(warmRuns);
console.log(
  `BENCH validate_lint definitions=${corpus.length} bytes=${corpus.reduce((n, s) => n + s.text.length, 0)} cold_ms=${fmt(cold.ms)} warm_median_ms=${fmt(warm)} definitions_per_s=${fmt((corpus.length / warm) * 1000)} target_ms=1000 ratio_to_target=${fmt(warm / 1000)}`,
);

// The largest single-definition diff among shipped version pairs.
const definitions = cold.value.definitions.map((d) => d.definition).filter((d) => d.id.endsWith('_R0'));
const pairs: [Definition, Definition][] = [];
for (const a of definitions) {
  const b = definitions.find((d) => d.id === a.id && d.version === a.version + 1);
  if (b) pairs.push([a, b]);
}
const sized = pairs
  .map(([a, b]) => ({ a, b, size: JSON.stringify(a).length + JSON.stringify(b).length }))
  .sort((x, y) => y.size - x.size);
const largest = sized[0]!;
const pairRuns = Array.from({ length: 200 }, () => time(() => diffDefinitions(largest.a, largest.b)).ms);
console.log(
  `BENCH diff_largest_pair pair=${largest.a.id}@${largest.a.version}..${largest.b.version} bytes=${largest.size} changes=${diffDefinitions(largest.a, largest.b).changes.length} median_ms=${fmt(median(pairRuns))} p99_ms=${fmt([...pairRuns].sort((x, y) => x - y)[Math.floor(pairRuns.length * 0.99)]!)}`,
);

// The largest set diff: the whole replicated set against itself with every version-2 change applied to version 1.
const all = cold.value.definitions.map((d) => d.definition);
const latestOnly = all.filter((d) => !all.some((o) => o.id === d.id && o.version > d.version));
const firstOnly = all.filter((d) => d.version === 1);
const setRuns = Array.from({ length: 5 }, () => time(() => diffDefinitionSets(firstOnly, latestOnly)).ms);
const setDiff = diffDefinitionSets(firstOnly, latestOnly);
console.log(
  `BENCH diff_definition_sets definitions=${firstOnly.length}+${latestOnly.length} changed=${setDiff.changed.length} changes=${setDiff.changed.reduce((n, d) => n + d.changes.length, 0)} median_ms=${fmt(median(setRuns))}`,
);
