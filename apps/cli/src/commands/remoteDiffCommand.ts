import { diffDefinitions, formatDiffMarkdown, formatDiffText, formatFinding, refOf, validateDefinitionSources, type Definition, type DefinitionDiff } from '@mandate/definitions';
import type { Io } from '../io.js';
import { readDefinitionFiles } from '../readDefinitionFiles.js';
import { remoteClient, remoteFailure, type RemoteOptions } from '../remote.js';

interface RemoteDiffOptions extends RemoteOptions {
  format: 'text' | 'json' | 'markdown';
  patch?: boolean;
}

/**
 * `mandate diff --remote <url> [dir]`: each local definition against what the runtime has
 * published: the published (or retired) version with the same kind, id and version, else the
 * latest published one. The changes print as `mandate diff` prints them; a local file that
 * differs from the same published version is flagged as edited in place. Exit 0 whatever the
 * differences; 1 when the folder does not validate or the runtime refuses.
 */
export async function remoteDiffCommand(dir: string | undefined, options: RemoteDiffOptions, io: Io): Promise<number> {
  const folder = dir ?? 'definitions';
  const result = validateDefinitionSources(readDefinitionFiles([folder], io.cwd));
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    for (const f of errors) io.err(formatFinding(f));
    return 1;
  }
  const client = remoteClient(options);
  const diffs: DefinitionDiff[] = [];
  const unpublished: string[] = [];
  try {
    const { definitions } = await client.listDefinitions();
    const published = new Map(definitions.map((d) => [`${d.kind}/${d.id}`, d.versions.filter((v) => v.status === 'published' || v.status === 'retired')]));
    const contents = new Map<string, Promise<Definition>>();
    const remoteOf = (kind: string, id: string, version: number) => {
      const key = `${kind}/${id}@${version}`;
      let content = contents.get(key);
      if (!content) contents.set(key, (content = client.getDefinitionVersion(kind, id, version).then((v) => v.content as unknown as Definition)));
      return content;
    };
    const local = result.definitions.map((d) => d.definition).sort((a, b) => refOf(a).localeCompare(refOf(b), 'en', { numeric: true }));
    for (const definition of local) {
      const versions = published.get(`${definition.kind}/${definition.id}`) ?? [];
      const match = versions.find((v) => v.version === definition.version) ?? versions.filter((v) => v.status === 'published').at(-1);
      if (!match) {
        unpublished.push(`${definition.kind} ${refOf(definition)}`);
        continue;
      }
      const diff = diffDefinitions(await remoteOf(definition.kind, definition.id, match.version), definition);
      if (diff.changes.length || diff.changedInPlace) diffs.push(diff);
    }
  } catch (error) {
    io.err(`mandate: ${remoteFailure(error, options.remote)}`);
    return 1;
  }

  const summary = `${result.definitions.length} local definitions against ${options.remote}: ${diffs.length} differ, ${unpublished.length} not published there`;
  if (options.format === 'json') {
    io.out(JSON.stringify({ remote: options.remote, changed: diffs, notPublished: unpublished }, null, 2));
    return 0;
  }
  const paint = (text: string, control: string) => (control === 'tightening' ? io.color.tightening(text) : control === 'loosening' ? io.color.loosening(text) : text);
  for (const diff of diffs) {
    io.out(options.format === 'markdown' ? formatDiffMarkdown(diff) : formatDiffText(diff, paint));
    if (options.format === 'text' && options.patch) io.out(io.color.dim(JSON.stringify(diff.patch, null, 2)));
  }
  for (const ref of unpublished) io.out(options.format === 'markdown' ? `- not published on the runtime: \`${ref}\`` : `+ ${ref} not published on the runtime`);
  io.out(summary);
  return 0;
}
