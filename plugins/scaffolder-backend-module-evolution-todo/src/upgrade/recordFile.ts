import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseRecord, RECORD_PATH, type TemplateRecord } from './record';

/**
 * The record in a folder (a workspace or a render), undefined when the folder
 * has none; a record that is there but broken is an InputError naming its fields.
 */
export async function readRecordFile(
  dir: string,
): Promise<TemplateRecord | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, RECORD_PATH), 'utf8');
  } catch (error: any) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parseRecord(text);
  if (!parsed.ok) {
    throw new InputError(
      `${RECORD_PATH} is invalid:\n${parsed.issues
        .map(issue => `  - ${issue.field}: ${issue.message}`)
        .join('\n')}`,
    );
  }
  return parsed.record;
}
