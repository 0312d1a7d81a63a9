import { formatFinding, refOf, validateDefinitionSources, type Definition } from '@mandate/definitions';
import { MandateProblem, type DefinitionVersionMeta } from '@mandate/client';
import type { Io } from '../io.js';
import { readDefinitionFiles } from '../readDefinitionFiles.js';
import { remoteClient, remoteFailure, type RemoteOptions } from '../remote.js';
import { renderTable } from '../renderTable.js';
import { sameContent } from '../sameContent.js';

interface PublishOptions extends RemoteOptions {
  submit?: boolean;
}

/**
 * `mandate publish [dir] --remote <url>`: sends a local definitions folder to a runtime as drafts,
 * for review. The folder must validate as a set (else nothing is sent, exit 1). For each
 * definition, the highest local version is compared with the runtime's latest version (content
 * without `version`, `status` and `$schema`); when it differs, a draft is created from it (or the
 * runtime's open draft is updated), and with `--submit` submitted for review. Exit 0 when every
 * definition was sent or unchanged, 1 when one was refused.
 */
export async function publishCommand(dir: string | undefined, options: PublishOptions, io: Io): Promise<number> {
  const folder = dir ?? 'definitions';
  const result = validateDefinitionSources(readDefinitionFiles([folder], io.cwd));
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    for (const f of errors) io.err(formatFinding(f));
    io.err(`mandate: ${folder} has ${errors.length} validation errors; nothing was sent`);
    return 1;
  }
  const client = remoteClient(options);
  const latestLocal = new Map<string, { definition: Definition; file: string }>();
  for (const entry of result.definitions) {
    const key = `${entry.definition.kind}/${entry.definition.id}`;
    const current = latestLocal.get(key);
    if (!current || entry.definition.version > current.definition.version) latestLocal.set(key, { definition: entry.definition, file: entry.file });
  }

  const rows: string[][] = [];
  let refused = 0;
  let remoteVersions: Map<string, DefinitionVersionMeta[]>;
  try {
    remoteVersions = await listRemote(client);
  } catch (error) {
    io.err(`mandate: ${remoteFailure(error, options.remote)}`);
    return 1;
  }
  for (const [key, { definition, file }] of [...latestLocal].sort(([a], [b]) => a.localeCompare(b))) {
    const { kind, id } = definition;
    const versions = remoteVersions.get(key) ?? [];
    const latest = versions[versions.length - 1];
    const local = refOf(definition);
    try {
      if (latest && sameContent((await client.getDefinitionVersion(kind, id, latest.version)).content, definition as unknown as Record<string, unknown>)) {
        rows.push([kind, id, local, `v${latest.version} ${latest.status}`, 'unchanged']);
        continue;
      }
      if (latest?.status === 'in_review') {
        refused++;
        rows.push([kind, id, local, `v${latest.version} in_review`, 'refused: a version is in review; approve or reject it first']);
        continue;
      }
      const content = definition as unknown as Record<string, unknown>;
      const changeNote = `mandate publish: ${file}`;
      const draft =
        latest?.status === 'draft'
          ? await client.updateDraft(kind, id, latest.version, { content, changeNote })
          : await client.createDraft(kind, id, { content, changeNote });
      const findings = draft.findings ?? [];
      const problems = findings.filter((f) => f.severity === 'error').length;
      let outcome = `${latest?.status === 'draft' ? 'draft updated' : 'draft created'}${problems ? ` (${problems} errors in the runtime's context)` : ''}`;
      if (options.submit) {
        await client.submitDefinition(kind, id, draft.version);
        outcome += ', submitted';
      }
      rows.push([kind, id, local, `v${draft.version} ${options.submit ? 'in_review' : 'draft'}`, outcome]);
    } catch (error) {
      refused++;
      const detail = error instanceof MandateProblem ? `${error.code}: ${error.detail}` : remoteFailure(error, options.remote);
      rows.push([kind, id, local, latest ? `v${latest.version} ${latest.status}` : '-', `refused: ${detail}`]);
    }
  }
  io.out(renderTable(['KIND', 'ID', 'LOCAL', 'RUNTIME', 'RESULT'], rows));
  const sent = rows.filter((r) => r[4]!.startsWith('draft')).length;
  io.out(`${rows.length} definitions: ${sent} sent as drafts${options.submit ? ' and submitted' : ''}, ${rows.length - sent - refused} unchanged, ${refused} refused`);
  return refused ? 1 : 0;
}

/** Every definition's versions on the runtime (drafts included for governance readers), oldest first. */
async function listRemote(client: ReturnType<typeof remoteClient>): Promise<Map<string, DefinitionVersionMeta[]>> {
  const { definitions } = await client.listDefinitions();
  const byKey = new Map<string, DefinitionVersionMeta[]>();
  await Promise.all(
    definitions.map(async (d) => {
      byKey.set(`${d.kind}/${d.id}`, (await client.definitionVersions(d.kind, d.id)).versions);
    }),
  );
  return byKey;
}
