import { renderConfigMaps } from './configMaps';
import { renderFamily } from '../__testUtils__/workloadFamilies';

const render = (parameters: Parameters<typeof renderFamily>[1]) =>
  renderFamily(renderConfigMaps, parameters);

describe('renderConfigMaps', () => {
  it('gives each app a <release>-<component> ConfigMap in configmaps/', () => {
    const { objects, files } = render({ name: 'todo', namespace: 'apps' });
    expect(
      objects.map(o => `${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual(['apps/todo-frontend', 'apps/todo-backend', 'apps/todo-mcp']);
    expect(files).toEqual([
      'configmaps/frontend.yaml',
      'configmaps/backend.yaml',
      'configmaps/mcp.yaml',
    ]);
  });

  it('points the backend at PostgreSQL and Redis by their Services, without the password', () => {
    const { get } = render({
      name: 'todo',
      postgres: { database: 'tasks', username: 'app' },
    });
    expect(get('ConfigMap', 'todo-backend').data).toEqual({
      PORT: '8000',
      LOG_LEVEL: 'info',
      DATABASE_HOST: 'todo-postgres',
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'tasks',
      DATABASE_USER: 'app',
      REDIS_URL: 'redis://todo-redis:6379/0',
    });
  });

  it('leaves REDIS_URL out when Redis is disabled', () => {
    const { get } = render({ name: 'todo', redis: { enabled: false } });
    expect(get('ConfigMap', 'todo-backend').data).not.toHaveProperty(
      'REDIS_URL',
    );
  });

  it('lets the frontend and the MCP server reach the backend Service', () => {
    const { get } = render({ name: 'todo' });
    expect(get('ConfigMap', 'todo-frontend').data).toEqual({
      PORT: '3000',
      HOSTNAME: '0.0.0.0',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      BACKEND_URL: 'http://todo-backend:8000',
    });
    expect(get('ConfigMap', 'todo-mcp').data).toEqual({
      PORT: '8080',
      LOG_LEVEL: 'info',
      BACKEND_URL: 'http://todo-backend:8000',
    });
  });

  it('holds only strings, as ConfigMap data must', () => {
    for (const configMap of render({ name: 'todo' }).objects) {
      for (const value of Object.values(configMap.data)) {
        expect(typeof value).toBe('string');
      }
    }
  });
});
