import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { hostIsolation } from './hostIsolation';

describe('host-isolation', () => {
  it('passes pods that share nothing with the host', () => {
    expect(hostIsolation.check(goodStack())).toEqual([]);
  });

  it('rejects host namespaces, hostPath volumes and host ports', () => {
    const stack = goodStack();
    const { pod, container } = backendPod(stack);
    pod.hostNetwork = true;
    pod.volumes.push({
      name: 'docker',
      hostPath: { path: '/var/run/docker.sock' },
    });
    container.ports[0].hostPort = 8000;
    expect(hostIsolation.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.hostNetwork',
      'spec.template.spec.volumes[1].hostPath',
      'spec.template.spec.containers[0].ports[0].hostPort',
    ]);
  });
});
