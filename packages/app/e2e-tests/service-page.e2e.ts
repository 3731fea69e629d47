// A service page as a developer sees it after scaffolding: the evolution-todo health card with
// replicas, the HPA and the Healthy verdict; then the backend's readiness fails in the
// (simulated) cluster and the card turns Degraded, saying why. On the System's Health tab, at
// 1280 and 1024 px: no header or name broken mid-word, the gauges' accessible names, and paused
// and deleting rollouts at a glance. Screenshots land in test-results/e2e/.
//
// The cluster is the evolution-todo plugin's simulated cluster, a TEST DOUBLE served over HTTP
// (plugins/evolution-todo/src/__testUtils__/simulatedCluster); the portal's real Kubernetes backend reads it
// as a `config` cluster, like plugins/evolution-todo/dev/app-config.simulated-cluster.yaml.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser.ts';
import { waitForCatalogEntity } from './support/catalog.ts';
import { repoRoot } from './support/paths.ts';
import { usePortal, type Portal } from './support/portal.ts';
import { saveScreenshot, screenshotIfFailed } from './support/screenshots.ts';
import { signInAsGuest } from './support/signIn.ts';

const PLUGIN_DIR = path.join(repoRoot, 'plugins/evolution-todo');
const TOKEN = 'simulated-cluster-token';
const COMPONENT_REF = 'component:default/todo-backend';

interface SimulatedCluster {
  url: string;
  process: ChildProcess;
}

/** Starts the simulated cluster on a free port; resolves with the URL it prints. */
function startSimulatedCluster(): Promise<SimulatedCluster> {
  const pluginRequire = createRequire(path.join(PLUGIN_DIR, 'package.json'));
  const child = spawn(
    process.execPath,
    [
      '--require',
      pluginRequire.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(PLUGIN_DIR, 'src/__testUtils__/simulatedCluster/server.ts'),
      '--port',
      '0',
      '--token',
      TOKEN,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve({ url, process: child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code =>
      reject(new Error(`the simulated cluster exited (${code}):\n${output}`)),
    );
  });
}

async function switchScenario(cluster: SimulatedCluster, scenario: string) {
  const res = await fetch(`${cluster.url}/__simulated-cluster/scenario`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  assert.equal(res.status, 200, await res.text());
}

/** The overlay of dev/app-config.simulated-cluster.yaml, with the port this run got. */
function simulatedClusterConfig(url: string): object {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'simulated',
              title: 'Simulated cluster (test double)',
              url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
    catalog: {
      // Arrays replace in config: the base locations come again, then the simulated release.
      locations: [
        {
          type: 'file',
          target: '../../templates/evolution-todo/template.yaml',
          rules: [{ allow: ['Template'] }],
        },
        {
          type: 'file',
          target: '../../examples/org/org.yaml',
          rules: [{ allow: ['User', 'Group'] }],
        },
        {
          type: 'file',
          target:
            '../../plugins/evolution-todo/dev/catalog-info.simulated.yaml',
          rules: [{ allow: ['System', 'Component', 'Resource'] }],
        },
      ],
    },
  };
}

/**
 * Texts that must read on one line at this width: the table's headers and the
 * workload names (a word broken in the middle, "Rollo ut", is a second line).
 * Returns the ones that wrapped, or says so when the table is cut off.
 */
async function wrappedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(
        Array.from(range.getClientRects()).map(r => Math.round(r.top)),
      );
      return tops.size;
    };
    const table = document.querySelector('table[aria-label="Workloads"]');
    if (!table) return ['(no workload table)'];
    // The table must fit the box that clips it (the card), or columns are cut off.
    let clip = table.parentElement;
    while (clip && getComputedStyle(clip).overflowX === 'visible') {
      clip = clip.parentElement;
    }
    const box = (clip ?? document.documentElement).getBoundingClientRect();
    if (table.getBoundingClientRect().right > box.right + 1) {
      return ['(the table is wider than its card)'];
    }
    const cells = [
      ...Array.from(table.querySelectorAll('thead th')),
      ...Array.from(table.querySelectorAll('tbody tr td:first-child p')),
    ];
    return cells
      .filter(cell => lines(cell) > 1)
      .map(cell => cell.textContent ?? '');
  });
}

/** The Health tab of the System at both widths the team reads it at, screenshots included. */
async function checkHealthTab(
  page: Page,
  name: string,
  report: (message: string) => void,
) {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    // Let the layout settle at the new width before measuring.
    await page.waitForTimeout(300);
    assert.deepEqual(
      await wrappedTexts(page),
      [],
      `headers and names broken across lines at ${width} px`,
    );
    // Printed so CI's output names every screenshot the team reads the tab from.
    const file = await saveScreenshot(page, `${name}-${width}`);
    report(`screenshot at ${width} px: ${file}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('Service page: Kubernetes health of what runs', () => {
  let cluster: SimulatedCluster;
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  before(async () => {
    cluster = await startSimulatedCluster();
    portal = await usePortal({
      configOverlays: [simulatedClusterConfig(cluster.url)],
    });
    await waitForCatalogEntity(portal, COMPONENT_REF);
    browser = await launchBrowser();
    page = await openPage(browser, portal);
  });

  afterEach(t => screenshotIfFailed(t, page));

  after(async () => {
    await browser?.close();
    await portal?.stop();
    cluster?.process.kill('SIGTERM');
  });

  it('shows replicas, the HPA and Healthy, then Degraded with the reason when readiness fails', async t => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/todo-backend');

    const verdict = page.getByTestId('system-verdict');
    await verdict.getByText('Healthy', { exact: true }).waitFor();
    const backend = page.getByTestId('workload-todo-backend');
    // The pod bar and the replica line both say it.
    await backend
      .getByText(/3\/3 ready/)
      .first()
      .waitFor();
    // Live checks go through the Kubernetes proxy after the objects arrive.
    await backend.getByText(/live \/readiness: answered 200/).waitFor();
    const row = await backend.innerText();
    assert.match(row, /HPA 2–10 replicas, 3 → 3, CPU 41% \/ 70%/);
    assert.match(row, /live \/readiness: answered 200/);
    await saveScreenshot(page, 'service-page-healthy');

    // Our tab sits next to the Kubernetes plugin's, in the entity page's Deployment group.
    await page.getByRole('button', { name: 'Deployment' }).click();
    await page.getByText('Kubernetes', { exact: true }).waitFor();
    await page.getByText('Health', { exact: true }).click();
    await page.waitForURL('**/catalog/default/component/todo-backend/health');
    const details = page.getByTestId('details-todo-backend');
    await details.getByText('AbleToScale=True', { exact: false }).waitFor();
    await saveScreenshot(page, 'service-page-health-tab');

    // The System's Health tab: every workload, gauges with accessible names, at 1280 and 1024 px.
    await page.goto('/catalog/default/system/todo/health');
    const table = page.getByRole('table', { name: 'Workloads' });
    const backendRow = table.getByTestId('workload-todo-backend');
    await backendRow
      .getByRole('img', {
        name: 'Pods of todo-backend: 3 ready, 0 starting, 0 failing, of 3 desired',
      })
      .waitFor();
    await backendRow
      .getByRole('img', {
        name: 'Rollout of todo-backend: 3 of 3 replicas updated',
      })
      .waitFor();
    await backendRow
      .getByRole('img', {
        name: 'CPU of todo-backend: 41% against a target of 70%',
      })
      .waitFor();
    await checkHealthTab(page, 'health-tab-healthy', m => t.diagnostic(m));

    // Paused and deleting are visible at a glance: a chip beside the verdict, never "complete".
    const glance = { timeout: 45_000 };
    await switchScenario(cluster, 'paused-rollout');
    await backendRow
      .getByLabel('Rollout of todo-backend: paused')
      .first()
      .waitFor(glance);
    await backendRow
      .getByRole('img', {
        name: 'Rollout of todo-backend: 1 of 3 replicas updated, paused',
      })
      .waitFor(glance);
    assert.match(
      await backendRow.innerText(),
      /rollout of todo-backend is paused \(1 of 3 replicas updated to 0\.2\.0/,
    );
    assert.doesNotMatch(await backendRow.innerText(), /complete/);
    await checkHealthTab(page, 'health-tab-paused', m => t.diagnostic(m));

    await switchScenario(cluster, 'backend-deleting');
    await backendRow
      .getByLabel('Rollout of todo-backend: deleting')
      .first()
      .waitFor(glance);
    await backendRow.getByText('Degraded', { exact: true }).waitFor(glance);
    assert.match(
      await backendRow.innerText(),
      /Deployment todo-backend is being deleted/,
    );
    await checkHealthTab(page, 'health-tab-deleting', m => t.diagnostic(m));

    await switchScenario(cluster, 'healthy');
    await page.goto('/catalog/default/component/todo-backend');
    await verdict.getByText('Healthy', { exact: true }).waitFor(glance);

    await switchScenario(cluster, 'failing-readiness');
    // The card polls every 10 s (no reload needed). The live check may turn first; the pod
    // that fails its readiness probe shows with the next poll of the objects.
    const poll = { timeout: 45_000 };
    await verdict.getByText('Degraded', { exact: true }).waitFor(poll);
    await verdict
      .getByText('todo-backend is degraded: 2 of 3 replicas available')
      .waitFor(poll);
    await backend
      .getByText(
        'live /readiness check: answered 503: status: unavailable, database: unreachable',
      )
      .waitFor(poll);
    await backend
      .getByText(
        /Readiness probe failed: HTTP probe failed with statuscode: 503/,
      )
      .waitFor(poll);
    assert.match(await backend.innerText(), /2\/3 ready/);
    await saveScreenshot(page, 'service-page-degraded');

    // The System page judges the whole release, with the same reason.
    await page.goto('/catalog/default/system/todo');
    const system = page.getByTestId('system-verdict');
    await system.getByText('Degraded', { exact: true }).waitFor();
    await system
      .getByText('todo-backend is degraded: 2 of 3 replicas available')
      .waitFor();
    for (const workload of [
      'frontend',
      'backend',
      'mcp',
      'postgres',
      'redis',
    ]) {
      await page.getByTestId(`workload-todo-${workload}`).waitFor();
    }
    await saveScreenshot(page, 'system-page-degraded');
  });
});
