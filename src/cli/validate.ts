import { writeStdout } from '../report/output-target.js';
import { Command } from 'commander';
import { EXIT, TemplateError } from '../errors.js';
import { loadTemplates } from '../template/load.js';
import { BUNDLED_TEMPLATES } from './options.js';
import { SUMMARY } from './summaries.js';

export function validateCommand(setCode: (c: number) => void): Command {
  return new Command('validate')
    .description(SUMMARY.validate)
    .argument('[paths...]', 'template files or folders', [BUNDLED_TEMPLATES])
    .action(async (paths: string[]) => {
      try {
        const templates = await loadTemplates(paths.length ? paths : [BUNDLED_TEMPLATES]);
        await writeStdout(`${templates.length} template${templates.length === 1 ? '' : 's'} valid: ${templates.map((t) => t.template.id).join(', ')}\n`);
        setCode(EXIT.ok);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        process.stderr.write(`${e.message}\n${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} found\n`);
        setCode(e.exitCode);
      }
    });
}
