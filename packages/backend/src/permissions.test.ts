import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  createBackendModule,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import path from 'node:path';
import YAML from 'yaml';
import { BackendApi } from './__testUtils__/backendApi';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import { KubeApiRecorder } from './__testUtils__/kubeApiRecorder';
import { APP_CONFIG_FILE, BASE_CATALOG_LOCATIONS } from './testUtils/paths';
import {
  authModuleTestUserSignIn,
  signInAs,
} from './__testUtils__/testUserSignIn';
import { singleTestClusterConfig } from './__testUtils__/kubernetesConfig';
import fs from 'node:fs';

// The portal's permission policy through the real backend: real permission service and
// permission backend, users signed in from the catalog (examples/org/org.yaml) so their
// tokens carry their groups. guest is in todo-team; ada is in platform-team only.

const FIXTURES = path.join(__dirname, '__testUtils__/permissionFixtures');
const DEPLOY_TEMPLATE_REF = 'template:default/permission-deploy';
const UPGRADE_TEMPLATE_REF = 'template:default/permission-upgrade';
const TODO_TEAM = 'group:default/todo-team';
const PLATFORM_TEAM = 'group:default/platform-team';
/** A System of todo-team in the fixtures whose repository is not the local destination's. */
const RECORDED_SYSTEM = 'system:default/recorded';

/**
 * The portal backend with the real permission services, the fixtures' template and entities, a
 * recorded cluster, and users signed in from the catalog: guest (a member of todo-team) and ada
 * (not). `permissionPolicy` replaces the portal's policy.
 */
async function startPermissionBackend(
  kube: KubeApiRecorder,
  permissionPolicy?: BackendFeature,
) {
  const appConfig = YAML.parse(fs.readFileSync(APP_CONFIG_FILE, 'utf8'));
  const backend = await startGoldenPathBackend({
    features: [
      // The real permission services instead of the test backend's allow-all mocks.
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      authModuleTestUserSignIn,
    ],
    permissionPolicy,
    config: {
      auth: {
        providers: {
          guest: { dangerouslyAllowOutsideDevelopment: true },
          'test-user': {},
        },
      },
      catalog: {
        rules: appConfig.catalog.rules,
        locations: [
          ...BASE_CATALOG_LOCATIONS,
          {
            type: 'file',
            target: path.join(FIXTURES, 'template.yaml'),
            rules: [{ allow: ['Template'] }],
          },
          { type: 'file', target: path.join(FIXTURES, 'entities.yaml') },
        ],
      },
      kubernetes: singleTestClusterConfig(kube.url),
    },
  });
  const tokens = new Map<BackendApi, string>();
  const signedIn = async (name: string) => {
    const token = await signInAs(backend.baseUrl, name);
    const api = new BackendApi(backend.baseUrl, `Bearer ${token}`);
    tokens.set(api, token);
    return api;
  };
  const member = await signedIn('guest');
  const nonMember = await signedIn('ada');
  await member.waitForEntities([
    DEPLOY_TEMPLATE_REF,
    RECORDED_SYSTEM,
    UPGRADE_TEMPLATE_REF,
    'component:default/todo-backend',
  ]);
  return { backend, member, nonMember, tokens };
}

const recordedParameters = (api: BackendApi) =>
  api.request(
    'GET',
    `/api/evolution-todo/recorded-parameters?entityRef=${RECORDED_SYSTEM}`,
  );

describe('permission policy (deploy and Kubernetes proxy only for owners)', () => {
  let kube: KubeApiRecorder;
  let backend: GoldenPathBackend;
  let member: BackendApi;
  let nonMember: BackendApi;
  let tokens: Map<BackendApi, string>;

  beforeAll(async () => {
    kube = await KubeApiRecorder.start();
    ({ backend, member, nonMember, tokens } = await startPermissionBackend(
      kube,
    ));
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  }, 30_000);

  beforeEach(() => {
    kube.requests.length = 0;
  });

  async function runTemplate(
    api: BackendApi,
    templateRef: string,
    owner: string,
  ) {
    const res = await api.request('POST', '/api/scaffolder/v2/tasks', {
      templateRef,
      values: { owner },
    });
    if (res.status !== 201)
      throw new Error(`task not created: ${res.status} ${await res.text()}`);
    return api.waitForTask(((await res.json()) as { id: string }).id);
  }
  const deploy = (api: BackendApi, owner: string) =>
    runTemplate(api, DEPLOY_TEMPLATE_REF, owner);

  const applies = () =>
    kube.requests.filter(request => request.method === 'PATCH');

  it('lets a member of the chosen owner deploy', async () => {
    const task = await deploy(member, TODO_TEAM);

    expect({ status: task.status, steps: task.steps }).toEqual({
      status: 'completed',
      steps: { skeleton: 'completed', deploy: 'completed' },
    });
    expect(applies().map(request => request.path)).toEqual([
      '/api/v1/namespaces/todo-demo/configmaps/backend-config',
    ]);
  });

  it('refuses the deploy step to a user outside the chosen owner, and nothing reaches the cluster', async () => {
    const task = await deploy(nonMember, TODO_TEAM);

    expect(task.status).toBe('failed');
    expect(task.steps).toEqual({ skeleton: 'completed', deploy: 'failed' });
    const completion = task.events.find(event => event.type === 'completion');
    expect(completion?.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Unauthorized action: evolution-todo:deploy. The action is not allowed.',
    });
    expect(kube.requests).toEqual([]);
  });

  it('lets the same user deploy for a group they are in', async () => {
    const task = await deploy(nonMember, PLATFORM_TEAM);

    expect(task.status).toBe('completed');
    expect(applies()).toHaveLength(1);
  });

  it("refuses the upgrade step to a user outside the System's owner, before the action runs", async () => {
    const refused = await runTemplate(
      nonMember,
      UPGRADE_TEMPLATE_REF,
      TODO_TEAM,
    );
    const allowed = await runTemplate(member, UPGRADE_TEMPLATE_REF, TODO_TEAM);

    const errorOf = (task: typeof refused) =>
      task.events.find(event => event.type === 'completion')?.body.error;
    expect(errorOf(refused)).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Unauthorized action: evolution-todo:upgrade. The action is not allowed.',
    });
    // The owner's task gets past the policy: the action itself runs, and
    // refuses the made-up repository with its own error.
    expect(allowed.status).toBe('failed');
    expect(errorOf(allowed)).toMatchObject({
      message: expect.stringContaining('repoPath'),
    });
    expect(errorOf(allowed)?.name).not.toBe('NotAllowedError');
  });

  // The upgrade form's field reads a System's record with the user's credentials: whoever may read
  // the System in the catalog gets past the policy (here to the refusal of a repository outside the
  // local destination, which comes after the catalog read).
  it('lets anyone who can read a System ask for its recorded parameters, owner or not', async () => {
    for (const api of [member, nonMember]) {
      const res = await recordedParameters(api);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(
        /^entityRef \(system:default\/recorded\): its repository is not one of the local destination's/,
      );
    }
  });

  it('leaves the other steps and actions to everyone, as before', async () => {
    const res = await nonMember.request('POST', '/api/permission/authorize', {
      items: [
        {
          id: 'delete',
          permission: {
            type: 'resource',
            name: 'catalog.entity.delete',
            attributes: { action: 'delete' },
            resourceType: 'catalog-entity',
          },
          resourceRef: 'component:default/todo-backend',
        },
      ],
    });
    expect(await res.json()).toEqual({
      items: [{ id: 'delete', result: 'ALLOW' }],
    });
  });

  describe('the Kubernetes proxy (live /health checks)', () => {
    const health = (api: BackendApi) =>
      fetch(
        `${backend.baseUrl}/api/kubernetes/proxy/api/v1/namespaces/todo-demo/services/backend:http/proxy/health`,
        {
          headers: {
            authorization: `Bearer ${tokens.get(api)}`,
            'Backstage-Kubernetes-Cluster': 'test',
          },
        },
      );

    const decide = async (api: BackendApi) => {
      const res = await api.request('POST', '/api/permission/authorize', {
        items: [
          {
            id: 'proxy',
            permission: {
              type: 'basic',
              name: 'kubernetes.proxy',
              attributes: {},
            },
          },
        ],
      });
      return ((await res.json()) as { items: Array<{ result: string }> })
        .items[0].result;
    };

    // The proxied request itself is followed to the cluster in replicas.test.ts: the Kubernetes
    // backend loads @kubernetes/client-node with a dynamic import(), which Jest's module
    // system cannot run in-process.
    it('allows a member of a group that owns a Kubernetes entity', async () => {
      expect(await decide(member)).toBe('ALLOW');
    });

    it('refuses anyone else with 403, before reaching the cluster', async () => {
      expect(await decide(nonMember)).toBe('DENY');
      const res = await health(nonMember);
      expect(res.status).toBe(403);
      expect(kube.requests).toEqual([]);
    });
  });
});

/**
 * A platform team's own policy, as one installing our plugins might bring: a user reads a System
 * only when one of their groups owns it; everything else is allowed. The catalog applies the
 * condition itself (as a filter on its query), so the endpoint sees what the user may see.
 */
const permissionModuleOwnersReadSystems = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-read-systems',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(request, user) {
            if (
              user &&
              isPermission(request.permission, catalogEntityReadPermission)
            ) {
              return createCatalogConditionalDecision(request.permission, {
                anyOf: [
                  {
                    not: catalogConditions.isEntityKind({ kinds: ['System'] }),
                  },
                  catalogConditions.isEntityOwner({
                    claims: user.info.ownershipEntityRefs,
                  }),
                ],
              });
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

describe("the recorded parameters under a platform team's policy: only owners read Systems", () => {
  let kube: KubeApiRecorder;
  let started: Awaited<ReturnType<typeof startPermissionBackend>>;

  beforeAll(async () => {
    kube = await KubeApiRecorder.start();
    started = await startPermissionBackend(
      kube,
      permissionModuleOwnersReadSystems,
    );
  }, 90_000);

  afterAll(async () => {
    await started?.backend.stop();
    await kube?.close();
  }, 30_000);

  it("answers a non-owner with the catalog's 404, the System's record unread", async () => {
    const res = await recordedParameters(started.nonMember);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe(
      `entityRef: ${RECORDED_SYSTEM} is not in the catalog, or you may not read it`,
    );
  });

  it('lets an owner past the catalog read (to the refusal of a repository outside the local destination)', async () => {
    const res = await recordedParameters(started.member);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(
      /^entityRef \(system:default\/recorded\): its repository is not one of the local destination's/,
    );
  });
});
