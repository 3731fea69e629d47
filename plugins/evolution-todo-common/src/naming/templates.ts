/**
 * The golden path's Template entities (templates/ in the workspace): the one
 * that creates a repository and the one that upgrades it.
 */
export const TEMPLATE_NAMES = {
  create: 'evolution-todo-kubernetes',
  upgrade: 'evolution-todo-upgrade',
} as const;
