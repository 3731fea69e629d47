/**
 * CPU profile of a phase of a bench, taken in its own process through the
 * inspector (the benches run the portal in process, so this is the portal's
 * main thread too). Writes a .cpuprofile (open it in Chrome DevTools or
 * speedscope) and sums the samples' self time by where the code comes from,
 * so a slowdown shows up in the bench's output. "(idle)" is the event loop
 * waiting: for the thread pool's file operations, the network or timers.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package or source folder a script URL belongs to: `yaml`, `@backstage/errors`, `plugins/x/src/validate`. */
export function codeOrigin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const [first, second] = url.slice(modules + 14).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return 'node internals';
  // Starting and stopping the profiler shows up in its own profile.
  if (url.endsWith('/scripts/bench/profile.ts')) return '(the profiler)';
  const source = url.match(
    /\/((?:plugins|packages|scripts)\/[^/]+\/(?:src\/)?[^/]+)/,
  );
  return source ? source[1] : url;
}

/** Node's own code and native calls (fs, zlib, crypto) on behalf of a package. */
const ON_BEHALF = new Set(['node internals', '(native)']);

/**
 * Self time per origin. Time in Node's internals or native calls counts for
 * the nearest package up the stack ("graceful-fs, in node"): a file system
 * call made by fs-extra is fs-extra's cost, not Node's.
 */
export function selfTimeByOrigin(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const originOf = (node: ProfileNode) =>
    codeOrigin(node.callFrame.url, node.callFrame.functionName);
  const selfMs = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let node = byId.get(id);
    let origin = node ? originOf(node) : '(unknown)';
    if (ON_BEHALF.has(origin)) {
      for (; node; node = byId.get(parent.get(node.id) ?? -1)) {
        const caller = originOf(node);
        if (!ON_BEHALF.has(caller) && !caller.startsWith('(')) {
          origin = `${caller}, in node`;
          break;
        }
      }
    }
    selfMs.set(
      origin,
      (selfMs.get(origin) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000,
    );
  });
  return selfMs;
}

export class PhaseProfiler {
  private readonly session = new Session();

  constructor(private readonly dir: string) {}

  async start() {
    this.session.connect();
    await this.session.post('Profiler.enable');
    // 0.5 ms: fine enough for steps of tens of milliseconds.
    await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.session.post('Profiler.start');
  }

  /** Stops, writes `<name>.cpuprofile` and returns the self time per origin, largest first. */
  async stop(name: string) {
    const { profile } = (await this.session.post('Profiler.stop')) as {
      profile: Profile;
    };
    this.session.disconnect();
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));

    const selfMs = selfTimeByOrigin(profile);
    const totalMs = [...selfMs.values()].reduce((sum, v) => sum + v, 0);
    return {
      file,
      totalMs,
      origins: [...selfMs].sort((a, b) => b[1] - a[1]),
    };
  }
}
