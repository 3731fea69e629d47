import { resolvePackagePath } from '@backstage/backend-plugin-api';
import path from 'node:path';

/** The workspace root: this package is packages/backend. */
export const REPO_ROOT = resolvePackagePath('backend', '../..');

/** The golden path's template and its folder, as the catalog and the Template Editor read them. */
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'templates/evolution-todo');
export const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
/** The upgrade template, beside it (it renders the same skeleton). */
export const UPGRADE_TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'upgrade.yaml');
export const ORG_FILE = path.join(REPO_ROOT, 'examples/org/org.yaml');
export const APP_CONFIG_FILE = path.join(REPO_ROOT, 'app-config.yaml');

export const TEMPLATE_REF = 'template:default/evolution-todo-kubernetes';
export const UPGRADE_TEMPLATE_REF = 'template:default/evolution-todo-upgrade';

/**
 * The catalog locations every test portal reads: our templates and the
 * example org (its users and groups), each with the kinds it may hold.
 */
export const BASE_CATALOG_LOCATIONS = [
  { type: 'file', target: TEMPLATE_FILE, rules: [{ allow: ['Template'] }] },
  {
    type: 'file',
    target: UPGRADE_TEMPLATE_FILE,
    rules: [{ allow: ['Template'] }],
  },
  { type: 'file', target: ORG_FILE, rules: [{ allow: ['User', 'Group'] }] },
];
