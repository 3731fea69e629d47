import {
  coreServices,
  createBackendModule,
  type AuthService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  AuthorizeResult,
  isPermission,
  type PermissionCondition,
  type PermissionCriteria,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import {
  createScaffolderActionConditionalDecision,
  scaffolderActionConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { actionExecutePermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  DEPLOY_ACTION_ID,
  UPGRADE_ACTION_ID,
  UPGRADE_GITHUB_ACTION_ID,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';

/**
 * kubernetes.proxy from @backstage/plugin-kubernetes-common, by name: the
 * portal does not depend on that package, and the name is the permission's
 * public contract (it is what policies and RBAC configs match on).
 */
export const KUBERNETES_PROXY_PERMISSION = 'kubernetes.proxy';

/** The annotations that tie a catalog entity to its objects in a cluster (either one will do). */
const KUBERNETES_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
];

/**
 * The actions only owners may run, each with an `owner` input naming the owning
 * group: deploy (the template passes parameters.owner) and upgrade, local or
 * GitHub (the System's owner, which evolution-todo:upgrade:parameters reads from the catalog).
 */
export const OWNER_GATED_ACTIONS = [
  DEPLOY_ACTION_ID,
  UPGRADE_ACTION_ID,
  UPGRADE_GITHUB_ACTION_ID,
];

/** The input of the owner-gated actions that names the owning group. */
export const OWNER_INPUT = 'owner';

/**
 * What the user owns through: their own entity ref and their groups, as the
 * catalog sign-in puts them in the Backstage token (the same refs Backstage's
 * own ownership checks use).
 */
export function ownershipRefsOf(user: PolicyQueryUser | undefined): string[] {
  return user?.info.ownershipEntityRefs ?? [];
}

/**
 * The ways a template may spell an owner ref: the parameter schema accepts
 * "group:default/team", "group:team" and, for groups, "team". The action
 * conditions compare strings exactly, so each spelling is listed.
 */
export function ownerSpellings(ref: string): string[] {
  const { kind, namespace, name } = parseEntityRef(ref);
  const spellings = [`${kind}:${namespace}/${name}`];
  if (namespace === 'default') {
    spellings.push(`${kind}:${name}`);
    if (kind === 'group') spellings.push(name);
  }
  return spellings;
}

/**
 * The portal's permission policy. Everything is allowed as before, except what
 * changes a team's cluster or repository, and what reads live state:
 *
 * - running evolution-todo:deploy or evolution-todo:upgrade
 *   (`scaffolder.action.execute`): only when the step's `owner` input (the
 *   owner chosen in the template; the upgraded System's owner) is one of the
 *   user's groups (or the user). The decision is conditional, so the scaffolder checks it
 *   against the step's real input before the action runs, and refuses the step
 *   otherwise: nothing is applied or pushed.
 * - the Kubernetes proxy (`kubernetes.proxy`, the live /health checks): only
 *   for members of a group (or a user) that owns an entity deployed to
 *   Kubernetes (annotated backstage.io/kubernetes-id or
 *   backstage.io/kubernetes-label-selector). The
 *   proxy's permission carries no entity (it is a basic permission), so the
 *   policy cannot tell which entity a request is for; this is the closest
 *   rule it can decide.
 */
export class EvolutionTodoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, actionExecutePermission)) {
      return this.gatedActionsOnlyForOwners(user);
    }
    if (request.permission.name === KUBERNETES_PROXY_PERMISSION) {
      return (await this.ownsKubernetesEntity(user))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private gatedActionsOnlyForOwners(user?: PolicyQueryUser): PolicyDecision {
    const { hasActionId, hasStringProperty } = scaffolderActionConditions;
    const ownedByUser = ownershipRefsOf(user)
      .flatMap(ownerSpellings)
      .map(owner => hasStringProperty({ key: OWNER_INPUT, value: owner }));
    const [firstGated, ...restGated] = OWNER_GATED_ACTIONS.map(actionId => ({
      not: hasActionId({ actionId }),
    }));
    const notGated: PermissionCriteria<
      PermissionCondition<'scaffolder-action'>
    > = { allOf: [firstGated, ...restGated] };
    const [first, ...rest] = ownedByUser;
    return createScaffolderActionConditionalDecision(
      actionExecutePermission,
      // A user who owns through nothing may run every action but the gated ones.
      first ? { anyOf: [notGated, { anyOf: [first, ...rest] }] } : notGated,
    );
  }

  private async ownsKubernetesEntity(user?: PolicyQueryUser): Promise<boolean> {
    const owners = ownershipRefsOf(user);
    if (owners.length === 0) return false;
    const { items } = await this.options.catalog.queryEntities(
      {
        // A list of filters matches any of them.
        filter: KUBERNETES_ANNOTATIONS.map(annotation => ({
          'relations.ownedBy': owners,
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        })),
        limit: 1,
        fields: ['metadata.name'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.length > 0;
  }
}

/** Installs EvolutionTodoPermissionPolicy in the permission backend. */
export const permissionModuleEvolutionTodoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'evolution-todo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, catalog, auth }) {
        policy.setPolicy(new EvolutionTodoPermissionPolicy({ catalog, auth }));
      },
    });
  },
});
