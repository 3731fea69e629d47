// The golden path as a person walks it: Create → "Evolution Todo on Kubernetes" → fill the form →
// Review → Create → every step succeeds → the new entities open in the catalog, and the local
// destination holds the new git repository. Keeps screenshots of the review page and the finished task.
// Then the upgrade as a person runs it: "Upgrade an evolution-todo repository" for that System with a
// parameter change → every step succeeds → the repository has the branch evolution-todo/upgrade-<version>.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser.ts';
import { waitForCatalogEntity } from './support/catalog.ts';
import { usePortal, type Portal } from './support/portal.ts';
import {
  chooseOption,
  createTaskAndWait,
  describeTaskReport,
  pickFromAutocomplete,
  readTaskPageSteps,
} from './support/scaffolder.ts';
import { saveScreenshot, screenshotIfFailed } from './support/screenshots.ts';
import { signInAsGuest } from './support/signIn.ts';

const TEMPLATE_REF = 'template:default/evolution-todo-kubernetes';
const UPGRADE_TEMPLATE_REF = 'template:default/evolution-todo-upgrade';
const TEMPLATE_TITLE = 'Evolution Todo on Kubernetes';
const OWNER = {
  ref: 'group:default/todo-team',
  title: 'Todo Team',
  page: '/catalog/default/group/todo-team',
};

// Unique per run: the name becomes a repository folder and catalog entities.
const NAME = `gp-${Date.now().toString(36)}`;
const NAMESPACE = `${NAME}-apps`;
const HOST = `${NAME}.apps.example.test`;

// Steps that only run for another destination, or when "Deploy now" is ticked.
const SKIPPED_STEP_IDS = [
  'publish-github',
  'template-branch-github',
  'register-github',
  'deploy',
];

// The task renders, validates, publishes and registers in a few seconds here; leave room for
// a busy shared machine without letting a hanging step eat the file's time budget.
const TASK_TIMEOUT_MS = 60_000;

const execFileAsync = promisify(execFile);

async function git(repoDir: string, ...args: string[]): Promise<string> {
  return (await execFileAsync('git', ['-C', repoDir, ...args])).stdout;
}

/** An entity page shows the entity's name as its title, and its owner linked. */
async function expectEntityPage(page: Page, name: string): Promise<void> {
  await page.waitForURL(new RegExp(`/catalog/default/[a-z]+/${name}$`));
  await page.getByRole('heading', { name, exact: true }).first().waitFor();
  const owner = page
    .getByRole('link', { name: OWNER.title, exact: true })
    .first();
  await owner.waitFor();
  assert.equal(await owner.getAttribute('href'), OWNER.page);
}

describe('Golden path: create the evolution-todo stack from the portal', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  let localRepos: string;

  before(async () => {
    // A portal of its own, publishing into a temporary folder: runs never collide, and nothing
    // is left in the workspace's .local-repos/.
    localRepos = await mkdtemp(path.join(os.tmpdir(), 'e2e-local-repos-'));
    portal = await usePortal({
      configOverlays: [
        { evolutionTodo: { localPublish: { directory: localRepos } } },
      ],
    });
    await waitForCatalogEntity(portal, TEMPLATE_REF);
    await waitForCatalogEntity(portal, UPGRADE_TEMPLATE_REF);
    // The owner picker lists the groups the catalog holds when the form opens.
    await waitForCatalogEntity(portal, OWNER.ref);
    browser = await launchBrowser();
    page = await openPage(browser, portal);
  });

  afterEach(t => screenshotIfFailed(t, page));

  after(async () => {
    await browser?.close();
    await portal?.stop();
    if (localRepos) await rm(localRepos, { recursive: true, force: true });
  });

  it('creates the repository and catalog entities, every step green', async t => {
    await signInAsGuest(page);

    // Create → choose the template.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Create' })
      .click();
    await page
      .locator('.MuiCard-root') // template cards have no role of their own
      .filter({
        has: page.getByRole('heading', { name: TEMPLATE_TITLE, exact: true }),
      })
      .getByRole('button', { name: 'Choose' })
      .click();
    await page.waitForURL(
      /\/create\/templates\/default\/evolution-todo-kubernetes/,
    );

    const form = page.getByRole('article');
    const next = () => form.getByRole('button', { name: 'Next' }).click();
    const expectPage = (description: string) =>
      form.getByText(description, { exact: true }).waitFor();

    // Service: a unique name, the owner from the picker, a namespace of our own.
    await expectPage('What you are creating and who owns it.');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
    await pickFromAutocomplete(form, 'Owner', OWNER.title);
    await form
      .getByRole('textbox', { name: 'Kubernetes namespace' })
      .fill(NAMESPACE);
    await next();

    // Ingress: keep Traefik, set a host.
    await expectPage(
      'How users reach the frontend (/), the API (/api) and the MCP server (/mcp).',
    );
    await form.getByRole('textbox', { name: 'Host', exact: true }).fill(HOST);
    await next();

    // Scaling and resources, Data: the $ref'd defaults render; keep them.
    await expectPage(
      'Replicas, CPU and memory per service. An HPA replaces the static replica count.',
    );
    assert.equal(
      await form
        .getByRole('spinbutton', { name: 'Replicas (without autoscaling)' })
        .first()
        .inputValue(),
      '3',
      'the frontend replicas default (from the $ref definition) is shown',
    );
    await next();
    await form.getByRole('heading', { name: 'PostgreSQL' }).waitFor();
    await next();

    // Observability: Fluent Bit → Fluentd instead of Loki.
    await form.getByRole('heading', { name: 'Logging' }).waitFor();
    await chooseOption(form, 'Log aggregation', 'Fluent Bit → Fluentd');
    await next();

    // Rollout and images: defaults.
    await form.getByRole('heading', { name: 'Deployment strategy' }).waitFor();
    await next();

    // Destination: this machine (the default).
    await form
      .getByRole('button', {
        name: /^Where to create the repository This machine/,
      })
      .waitFor();
    await next();

    // Deploy now: off (the default).
    await expectPage(
      'Apply the rendered manifests to a cluster the portal knows. Off by default.',
    );
    assert.equal(
      await form
        .getByRole('checkbox', { name: 'Deploy to a cluster now' })
        .isChecked(),
      false,
    );
    await form.getByRole('button', { name: 'Review' }).click();

    // Review: what was filled in, then the screenshot of the filled form.
    const review = form.getByRole('table');
    for (const [field, value] of [
      ['Name', NAME],
      ['Owner', OWNER.ref],
      ['Kubernetes namespace', NAMESPACE],
      ['Host', HOST],
      ['Log aggregation', 'fluentd'],
      ['Where to create the repository', 'local'],
    ]) {
      await review
        .getByRole('row', { name: `${field} ${value}`, exact: true })
        .waitFor();
    }
    t.diagnostic(
      `screenshot: ${await saveScreenshot(page, 'golden-path-review')}`,
    );

    // Create, and wait for the task to end.
    const { ended, report } = await createTaskAndWait(t, page, portal, {
      form,
      timeoutMs: TASK_TIMEOUT_MS,
      screenshot: 'golden-path-task',
    });
    assert.ok(
      ended,
      `the task ended within ${TASK_TIMEOUT_MS} ms\n${describeTaskReport(
        report,
      )}`,
    );

    // Every step succeeded, except those for GitHub and "Deploy now", which were skipped.
    const expected = report.steps.map(step => ({
      name: step.name,
      state: SKIPPED_STEP_IDS.includes(step.id) ? 'skipped' : 'completed',
    }));
    assert.deepEqual(
      await readTaskPageSteps(page),
      expected,
      `the task page shows every step succeeded\n${describeTaskReport(report)}`,
    );

    // The outputs of the finished task: the repository, the system, the frontend component
    // and the validation report.
    assert.equal(
      await page
        .getByRole('link', { name: /^Repository\b/ })
        .getAttribute('href'),
      pathToFileURL(path.join(localRepos, NAME)).href,
    );
    await page.getByRole('heading', { name: 'Validation report' }).waitFor();

    // The component's page opens, with its name and owner. The catalog ingests the registered
    // file a moment after the task ends, and the entity page fetches once: wait for it first.
    await waitForCatalogEntity(
      portal,
      `component:default/${NAME}-frontend`,
      15_000,
    );
    await page
      .getByRole('link', { name: 'Open the frontend component' })
      .click();
    await expectEntityPage(page, `${NAME}-frontend`);
    t.diagnostic(
      `screenshot: ${await saveScreenshot(page, 'golden-path-component')}`,
    );

    // So does the system's, from the task page.
    await page.goBack();
    await page
      .getByRole('link', { name: 'Open the system in the catalog' })
      .click();
    await expectEntityPage(page, NAME);

    // The local destination holds the new repository: one commit with everything in it, and
    // the form's values in its files.
    const repoDir = path.join(localRepos, NAME);
    const log = await git(repoDir, 'log', '--format=%H');
    assert.equal(log.trim().split('\n').length, 1, 'one commit');
    assert.equal(
      await git(repoDir, 'status', '--porcelain'),
      '',
      'nothing uncommitted',
    );
    const files = (await git(repoDir, 'ls-files')).trim().split('\n');
    for (const file of ['catalog-info.yaml', 'logging/fluentd-values.yaml']) {
      assert.ok(files.includes(file), `${file} is in the repository`);
    }
    const catalogInfo = await readFile(
      path.join(repoDir, 'catalog-info.yaml'),
      'utf8',
    );
    assert.match(
      catalogInfo,
      new RegExp(`kubernetes-namespace: ${NAMESPACE}\\n`),
    );
    assert.match(catalogInfo, new RegExp(`owner: ${OWNER.ref}\\n`));
    const withHost = (await git(repoDir, 'grep', '-l', '-F', HOST))
      .trim()
      .split('\n');
    assert.ok(
      withHost.some(file => file.startsWith('k8s/')),
      `the raw manifests route ${HOST} (files naming it: ${withHost.join(
        ', ',
      )})`,
    );
  });

  // The repository the first test made, upgraded through the portal: the System's card names the
  // template version it was made with, the upgrade template (opened as the card links it, the
  // System filled in) shows its recorded parameters and takes an edit of one, and its task
  // leaves the upgrade branch in the local destination's repository, main untouched.
  it('upgrades the repository from the portal and the branch appears', async t => {
    const repoDir = path.join(localRepos, NAME);
    const version = /^templateVersion: (\S+)$/m.exec(
      await readFile(
        path.join(repoDir, '.evolution-todo/parameters.yaml'),
        'utf8',
      ),
    )?.[1];
    assert.ok(version, 'the repository records its template version');
    const mainBefore = await git(repoDir, 'rev-parse', 'main');

    await page.goto(`/catalog/default/system/${NAME}`);
    await page
      .getByTestId('template-version')
      .getByText(`Made with template version ${version} (current)`)
      .waitFor();

    await page.goto(
      `/create/templates/default/evolution-todo-upgrade?${new URLSearchParams({
        formData: JSON.stringify({ system: `system:default/${NAME}` }),
      })}`,
    );
    const form = page.getByRole('article');
    await form.getByRole('button', { name: 'Next' }).click();
    // The field shows the System's recorded parameters (read from /api/evolution-todo); the user
    // edits one of them in place.
    const parameters = form.getByRole('textbox', {
      name: 'Recorded parameters (YAML)',
    });
    await form.getByText(`made with template version ${version}`).waitFor();
    const recorded = await parameters.inputValue();
    const edited = recorded.replace(
      /^(backend:\n(?: {2}.*\n)*? {2}replicas: )\d+$/m,
      (_line, head: string) => `${head}4`,
    );
    assert.notEqual(edited, recorded, `backend.replicas is in:\n${recorded}`);
    await parameters.fill(edited);
    await form.getByRole('button', { name: 'Review' }).click();
    await form
      .getByRole('table')
      .getByRole('row', { name: `System system:default/${NAME}`, exact: true })
      .waitFor();
    const { ended, report } = await createTaskAndWait(t, page, portal, {
      form,
      timeoutMs: TASK_TIMEOUT_MS,
      screenshot: 'golden-path-upgrade-task',
    });
    assert.ok(ended, `the upgrade task ended\n${describeTaskReport(report)}`);
    assert.deepEqual(
      await readTaskPageSteps(page),
      // The GitHub upgrade step runs only for a System on GitHub.
      report.steps.map(step => ({
        name: step.name,
        state: step.id === 'upgrade-github' ? 'skipped' : 'completed',
      })),
      `every upgrade step succeeded\n${describeTaskReport(report)}`,
    );
    const branch = `evolution-todo/upgrade-${version}`;
    const upgradeText = page.getByTestId('text-output-box');
    await upgradeText.getByText('Merged cleanly.').waitFor();
    await upgradeText.getByText(branch).waitFor();

    assert.equal(
      (await git(repoDir, 'branch', '--list', branch)).trim(),
      branch,
      `the repository has ${branch}`,
    );
    assert.match(
      await git(repoDir, 'show', `${branch}:helm/evolution-todo/values.yaml`),
      /^backend:\n(?: {2}.*\n)*? {2}replicas: 4$/m,
    );
    assert.equal(
      await git(repoDir, 'rev-parse', 'main'),
      mainBefore,
      'main did not move',
    );
  });
});
