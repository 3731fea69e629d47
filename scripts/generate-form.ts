/*
 * Writes the parameter schema's rules into the template's form.
 *
 *   yarn generate:form            rewrite templates/evolution-todo/template.yaml
 *   yarn generate:form --check    exit 1 when the form disagrees with the schema
 *
 * Types, patterns, limits, enums and defaults of every form field come from the
 * zod schema in @evolution-todo/plugin-evolution-todo-common; titles, help texts
 * and `ui:` keys stay as written, byte for byte.
 */
import { syncTemplateForm } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';

const TEMPLATE = path.resolve(
  __dirname,
  '../templates/evolution-todo/template.yaml',
);

function main(args: string[]): number {
  const check = args.includes('--check');
  const text = fs.readFileSync(TEMPLATE, 'utf8');
  const { edits, problems, text: synced } = syncTemplateForm(text);
  const where = path.relative(process.cwd(), TEMPLATE);
  for (const problem of problems) {
    process.stderr.write(`${where}: ${problem}\n`);
  }
  for (const edit of edits) {
    process.stdout.write(
      `${where}: ${edit.path.join('.')}.${edit.key}: ${JSON.stringify(
        edit.actual,
      )} -> ${JSON.stringify(edit.expected)}\n`,
    );
  }
  if (problems.length > 0) return 1;
  if (check) return edits.length > 0 ? 1 : 0;
  if (edits.length > 0) {
    fs.writeFileSync(TEMPLATE, synced);
    process.stdout.write(`${where}: ${edits.length} keys written\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
