export {
  compareFormWithSchema,
  GENERATED_KEYS,
  HAND_WRITTEN_FIELDS,
  HAND_WRITTEN_KEYS,
  NOT_ON_FORM,
} from './formEdits';
export type {
  DocumentPath,
  FormComparison,
  FormEdit,
  HandWritten,
} from './formEdits';
export { syncTemplateForm } from './templateForm';
export type { TemplateFormSync } from './templateForm';
