import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { actionExecutePermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  EvolutionTodoPermissionPolicy,
  ownerSpellings,
} from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as unknown as PolicyQueryUser);

/** Any action but the owner-gated ones (deploy, upgrade, local or GitHub). */
const NOT_GATED = {
  allOf: [
    'evolution-todo:deploy',
    'evolution-todo:upgrade',
    'evolution-todo:upgrade:github',
  ].map(actionId => ({
    not: { rule: 'HAS_ACTION_ID', params: { actionId } },
  })),
};

describe('EvolutionTodoPermissionPolicy', () => {
  // The catalog is only asked about kubernetes.proxy; these cases never reach it.
  const policy = new EvolutionTodoPermissionPolicy({
    catalog: {} as any,
    auth: {} as any,
  });

  it('lists every spelling the parameter schema accepts for an owner', () => {
    expect(ownerSpellings('group:default/todo-team')).toEqual([
      'group:default/todo-team',
      'group:todo-team',
      'todo-team',
    ]);
    expect(ownerSpellings('user:default/ada')).toEqual([
      'user:default/ada',
      'user:ada',
    ]);
    expect(ownerSpellings('group:platform/ops')).toEqual([
      'group:platform/ops',
    ]);
  });

  it('makes running actions conditional: any action but deploy and upgrade, or those for an owner', async () => {
    const decision = await policy.handle(
      { permission: actionExecutePermission },
      user(['user:default/guest', 'group:default/todo-team']),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-action',
      conditions: {
        anyOf: [
          NOT_GATED,
          {
            anyOf: expect.arrayContaining([
              {
                rule: 'HAS_STRING_PROPERTY',
                resourceType: 'scaffolder-action',
                params: { key: 'owner', value: 'group:default/todo-team' },
              },
            ]),
          },
        ],
      },
    });
  });

  it('leaves a user who owns through nothing every action but deploy and upgrade', async () => {
    const decision = await policy.handle(
      { permission: actionExecutePermission },
      user([]),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: NOT_GATED,
    });
  });

  it('allows every other permission as before', async () => {
    const decision = await policy.handle(
      {
        permission: {
          type: 'basic',
          name: 'catalog.location.create',
          attributes: { action: 'create' },
        },
      },
      user([]),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
