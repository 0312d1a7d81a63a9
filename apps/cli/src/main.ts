import { Command, CommanderError, Option } from 'commander';
import { bpmnLintCommand } from './commands/bpmnLintCommand.js';
import { diffCommand } from './commands/diffCommand.js';
import { listCommand } from './commands/listCommand.js';
import { publishCommand } from './commands/publishCommand.js';
import { remoteDiffCommand } from './commands/remoteDiffCommand.js';
import { replayCommand } from './commands/replayCommand.js';
import { validateCommand } from './commands/validateCommand.js';
import { processIo, type Io } from './io.js';
import { MissingPathError } from './readDefinitionFiles.js';
import { UsageError } from './usageError.js';

/** Exit codes: 0 clean, 1 findings, 2 usage error, 3 internal error (a bug: please report it). */
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mandate')
    .description('Validate, lint, diff and list Mandate definitions; lint BPMN processes against them; publish drafts to a runtime and replay their impact.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError()
    .addHelpText('after', '\nExamples:\n  $ mandate validate definitions\n  $ mandate list definitions\n  $ mandate diff DISCOUNT_APPROVAL_REASONS@1 DISCOUNT_APPROVAL_REASONS@2\n  $ mandate bpmn lint bpmn\n  $ mandate publish definitions --remote http://127.0.0.1:3000 --submit\n  $ mandate replay --remote http://127.0.0.1:3000 --kind AuthorityPolicy --id COMMERCIAL_AUTHORITY --candidate 2\n\nExit codes: 0 clean, 1 findings, 2 usage error, 3 internal error.');

  const format = (choices: string[]) => new Option('--format <format>', 'output format').choices(choices).default('text');

  program
    .command('validate')
    .description('Check definitions against their JSON Schemas and lint them as a set.')
    .argument('[paths...]', 'files or folders (default: definitions)')
    .addOption(format(['text', 'json']))
    .addHelpText('after', '\nExamples:\n  $ mandate validate definitions\n  $ mandate validate definitions extra/DRAFT.json --format json\n\nExit code: 0 no errors, 1 errors found, 2 usage error.')
    .action((paths: string[], opts: { format: 'text' | 'json' }) => setExit(validateCommand(paths, opts, io)));

  const remote = (command: Command, required: boolean) =>
    command
      .addOption(new Option('--remote <url>', 'the runtime, e.g. http://127.0.0.1:3000').makeOptionMandatory(required))
      .addOption(new Option('--token <token>', 'bearer token (default: $MANDATE_TOKEN)'));

  remote(
    program
      .command('diff')
      .description('Show the semantic changes between two definitions or definition sets, each classed as tightening, loosening or neutral for control; with --remote, a local folder against what a runtime has published.')
      .argument('[a]', 'a file, a folder, or ID@VERSION (with --remote: the local folder, default definitions)')
      .argument('[b]', 'a file, a folder, or ID@VERSION')
      .option('--dir <dir>', 'where ID@VERSION is looked up', 'definitions')
      .addOption(format(['text', 'json', 'markdown']))
      .option('--patch', 'also print the RFC 6902 JSON Patch (text format)'),
    false,
  )
    .addHelpText('after', '\nExamples:\n  $ mandate diff DISCOUNT_APPROVAL_REASONS@1 DISCOUNT_APPROVAL_REASONS@2\n  $ mandate diff definitions/TaskType/DISCOUNT_APPROVAL/v1.json definitions/TaskType/DISCOUNT_APPROVAL/v2.json --format markdown\n  $ mandate diff old-definitions/ definitions/ --format json\n  $ mandate diff --remote http://127.0.0.1:3000 definitions')
    .action(async (a: string | undefined, b: string | undefined, opts: { dir: string; format: 'text' | 'json' | 'markdown'; patch?: boolean; remote?: string; token?: string }) => {
      if (opts.remote !== undefined) {
        if (b !== undefined) throw new UsageError('with --remote, give one local folder (default definitions)');
        return setExit(await remoteDiffCommand(a, { ...opts, remote: opts.remote }, io));
      }
      if (a === undefined || b === undefined) throw new UsageError('give two files, two folders or two ID@VERSION references (or --remote <url> and a folder)');
      setExit(diffCommand(a, b, opts, io));
    });

  remote(
    program
      .command('publish')
      .description('Send a local definitions folder to a runtime as drafts, for review: each definition whose content differs from the runtime\'s latest version becomes a draft.')
      .argument('[dir]', 'folder (default: definitions)')
      .option('--submit', 'also submit the drafts for review'),
    true,
  )
    .addHelpText('after', '\nExample:\n  $ MANDATE_TOKEN=... mandate publish definitions --remote http://127.0.0.1:3000 --submit\n\nExit code: 0 sent or unchanged, 1 invalid folder or a definition refused, 2 usage error.')
    .action(async (dir: string | undefined, opts: { remote: string; token?: string; submit?: boolean }) => setExit(await publishCommand(dir, opts, io)));

  remote(
    program
      .command('replay')
      .description('Impact replay on a runtime: re-evaluate past and open items under a candidate version of a definition and show what would differ.')
      .requiredOption('--kind <kind>', 'definition kind, e.g. AuthorityPolicy')
      .requiredOption('--id <id>', 'definition id, e.g. COMMERCIAL_AUTHORITY')
      .requiredOption('--candidate <version>', 'the version to replay under (a draft or any stored version)')
      .option('--from <instant>', 'items decided (open items: created) at or after this ISO 8601 instant')
      .option('--to <instant>', 'items decided (open items: created) before this ISO 8601 instant')
      .option('--json', 'print the report as JSON'),
    true,
  )
    .addHelpText('after', '\nExample:\n  $ mandate replay --remote http://127.0.0.1:3000 --kind AuthorityPolicy --id COMMERCIAL_AUTHORITY --candidate 2 --from 2026-01-01T00:00:00Z\n\nExit code: 0 report printed, 1 refused by the runtime, 2 usage error.')
    .action(async (opts: { remote: string; token?: string; kind: string; id: string; candidate: string; from?: string; to?: string; json?: boolean }) => setExit(await replayCommand(opts, io)));

  program
    .command('list')
    .description('List definitions: kind, id, version, status and title.')
    .argument('[dir]', 'folder (default: definitions)')
    .addOption(format(['text', 'json']))
    .addHelpText('after', '\nExample:\n  $ mandate list definitions')
    .action((dir: string | undefined, opts: { format: 'text' | 'json' }) => setExit(listCommand(dir, opts, io)));

  const bpmn = program.command('bpmn').description('Work with BPMN processes whose user tasks bind to task types.');
  bpmn
    .command('lint')
    .description('Check BPMN files: XML, bindings to existing published task types, mappings, decision codes tested by gateways.')
    .argument('[paths...]', '.bpmn files or folders (default: bpmn)')
    .option('--definitions <dir>', 'the definitions the user tasks bind to', 'definitions')
    .addOption(format(['text', 'json']))
    .addHelpText('after', '\nExamples:\n  $ mandate bpmn lint bpmn\n  $ mandate bpmn lint bpmn/quote-approval.bpmn --definitions definitions --format json\n\nExit code: 0 no errors, 1 errors found, 2 usage error.')
    .action(async (paths: string[], opts: { definitions: string; format: 'text' | 'json' }) => setExit(await bpmnLintCommand(paths, opts, io)));

  return program;
}

/**
 * Runs the CLI with `argv` as given by Node (`[node, script, ...args]`) and returns the exit code.
 * Never throws for bad input.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  if (argv.length <= 2) {
    io.err(program.helpInformation().trimEnd());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // `commander.help` with exit code 1 is help shown for a missing subcommand (`mandate bpmn`): a usage error.
      return e.code === 'commander.helpDisplayed' || (e.code === 'commander.help' && e.exitCode === 0) || e.code === 'commander.version' ? 0 : EXIT_USAGE;
    }
    if (e instanceof MissingPathError || e instanceof UsageError) {
      io.err(`mandate: ${e.message}`);
      return EXIT_USAGE;
    }
    // Bad input never lands here; a bug does. Say so plainly instead of printing a stack.
    io.err(`mandate: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_INTERNAL;
  }
}
