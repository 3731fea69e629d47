import {
  parseEntityRef,
  type Entity,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { DryRunResult } from '../testUtils/dryRun';
import { TEMPLATE_REF } from '../testUtils/paths';
import { eventually } from '../testUtils/polling';

/** The user the tests act as (the guest sign-in): a member of todo-team in examples/org/org.yaml. */
export const TEST_USER = 'user:default/guest';

export type TaskStatus =
  | 'open'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'cancelled';

export interface TaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  createdAt: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: JsonObject;
    error?: { name?: string; message?: string };
    [key: string]: JsonValue | undefined;
  };
}

export interface FinishedTask {
  id: string;
  status: TaskStatus;
  events: TaskEvent[];
  /** The template's `output` section, rendered (from the completion event). */
  output: JsonObject | undefined;
  /** Status of every step that started, by step id (from the log events). */
  steps: Record<string, string>;
  /** Every log line, in order. */
  log: string[];
}

export type { DryRunResult };

/** The portal's HTTP API as the Create page and the Template Editor call it, with a user's token. */
export class BackendApi {
  constructor(
    readonly baseUrl: string,
    private readonly authorization: string,
  ) {}

  request(method: string, urlPath: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers: {
        authorization: this.authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async json<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const res = await this.request(method, urlPath, body);
    if (!res.ok) {
      throw new Error(
        `${method} ${urlPath}: ${res.status} ${await res.text()}`,
      );
    }
    return (await res.json()) as T;
  }

  // --- scaffolder -------------------------------------------------------------

  dryRun(body: {
    template: unknown;
    values: JsonObject;
    secrets?: Record<string, string>;
    directoryContents: Array<{ path: string; base64Content: string }>;
  }): Promise<Response> {
    return this.request('POST', '/api/scaffolder/v2/dry-run', body);
  }

  createTask(
    values: JsonObject,
    secrets?: Record<string, string>,
    templateRef = TEMPLATE_REF,
  ): Promise<Response> {
    return this.request('POST', '/api/scaffolder/v2/tasks', {
      templateRef,
      values,
      ...(secrets ? { secrets } : {}),
    });
  }

  async startTask(
    values: JsonObject,
    secrets?: Record<string, string>,
    templateRef = TEMPLATE_REF,
  ): Promise<string> {
    const res = await this.createTask(values, secrets, templateRef);
    if (res.status !== 201) {
      throw new Error(`task not created: ${res.status} ${await res.text()}`);
    }
    return ((await res.json()) as { id: string }).id;
  }

  /** Polls GET /v2/tasks/:id until the task has finished, then reads its events. */
  async waitForTask(taskId: string, timeoutMs = 30_000): Promise<FinishedTask> {
    const task = await eventually(
      async () => {
        const current = await this.json<{ id: string; status: TaskStatus }>(
          'GET',
          `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}`,
        );
        return ['completed', 'failed', 'cancelled'].includes(current.status)
          ? current
          : undefined;
      },
      `task ${taskId} to finish`,
      { timeoutMs },
    );
    const events = await this.json<TaskEvent[]>(
      'GET',
      `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/events`,
    );
    const steps: Record<string, string> = {};
    for (const event of events) {
      if (event.type === 'log' && event.body.stepId && event.body.status) {
        steps[event.body.stepId] = event.body.status;
      }
    }
    const completion = events.find(e => e.type === 'completion');
    return {
      id: task.id,
      status: task.status,
      events,
      output: completion?.body.output,
      steps,
      log: events.flatMap(e => (e.body.message ? [e.body.message] : [])),
    };
  }

  async runTask(
    values: JsonObject,
    secrets?: Record<string, string>,
    templateRef = TEMPLATE_REF,
  ) {
    return this.waitForTask(await this.startTask(values, secrets, templateRef));
  }

  // --- catalog ----------------------------------------------------------------

  async entity(ref: string | CompoundEntityRef): Promise<Entity | undefined> {
    const { kind, namespace, name } =
      typeof ref === 'string' ? parseEntityRef(ref) : ref;
    const res = await this.request(
      'GET',
      `/api/catalog/entities/by-name/${encodeURIComponent(
        kind,
      )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
    if (res.status === 404) return undefined;
    if (!res.ok) {
      throw new Error(
        `GET entity ${kind}:${namespace}/${name}: ${
          res.status
        } ${await res.text()}`,
      );
    }
    return (await res.json()) as Entity;
  }

  /** Waits until every ref is in the catalog (processed and stitched). */
  async waitForEntities(
    refs: string[],
    timeoutMs = 20_000,
  ): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    await eventually(
      async () => {
        for (const ref of refs.filter(r => !found.has(r))) {
          const entity = await this.entity(ref);
          if (entity) found.set(ref, entity);
        }
        return found.size === refs.length ? true : undefined;
      },
      `catalog entities ${refs.filter(r => !found.has(r)).join(', ')}`,
      { timeoutMs },
    );
    return found;
  }

  async entityRefs(): Promise<string[]> {
    const entities = await this.json<Entity[]>(
      'GET',
      '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name',
    );
    return entities
      .map(
        e =>
          `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`,
      )
      .sort();
  }

  async locationTargets(): Promise<string[]> {
    const locations = await this.json<
      Array<{ data: { type: string; target: string } }>
    >('GET', '/api/catalog/locations');
    return locations.map(l => `${l.data.type}:${l.data.target}`).sort();
  }
}
