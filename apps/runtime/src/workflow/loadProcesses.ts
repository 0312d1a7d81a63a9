import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BindingCatalog, type EmbeddedProcess } from '@mandate/workflow';

/** The BPMN files of a folder: each file's executable processes for the embedded engine, and their bindings. */
export async function loadProcesses(dir: string): Promise<{ processes: EmbeddedProcess[]; bindings: BindingCatalog }> {
  const sources = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const bindings = await BindingCatalog.fromBpmn(sources);
  const processes = sources.flatMap((source) => [...source.matchAll(/<(?:bpmn:)?process\b[^>]*\bid="([^"]+)"[^>]*\bisExecutable="true"/g)].map((m) => ({ key: m[1]!, source })));
  return { processes, bindings };
}
