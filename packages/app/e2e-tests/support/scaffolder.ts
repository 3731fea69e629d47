import type { TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { guestToken } from './catalog.ts';
import type { Portal } from './portal.ts';
import { saveScreenshot } from './screenshots.ts';

/** What the task page shows for one step. */
export type StepState =
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'processing'
  | 'open';

export interface TaskPageStep {
  name: string;
  state: StepState;
}

/** Chooses an option of a form select (rjsf's Material UI Select: a button named "<label> <value>"). */
export async function chooseOption(
  form: Locator,
  label: string,
  option: string,
): Promise<void> {
  await form
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}\\s`) })
    .click();
  await pickFromOpenList(form.page(), option);
}

/** Picks an entry of an autocomplete field such as OwnerPicker: type to filter, then choose. */
export async function pickFromAutocomplete(
  form: Locator,
  label: string,
  option: string,
): Promise<void> {
  const input = form.getByRole('textbox', { name: label, exact: true });
  await input.click();
  await input.fill(option);
  await pickFromOpenList(form.page(), option);
}

async function pickFromOpenList(page: Page, option: string) {
  await page.getByRole('option', { name: option, exact: true }).click();
  // The popup closes once the value is taken; later clicks must not land on it.
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/** The task id of a task page (/create/tasks/<id>), once the browser is there. */
export async function taskIdOf(page: Page): Promise<string> {
  await page.waitForURL(/\/create\/tasks\/[^/?#]+/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/**
 * Waits until the task page shows that the task ended: "Start Over" is enabled once the task
 * completed, failed or was cancelled. Bounded, so a hanging step fails the test with its log.
 */
export async function waitForTaskToEnd(
  page: Page,
  timeoutMs: number,
): Promise<void> {
  await page
    .locator('[data-testid="start-over-button"]:not([disabled])')
    .waitFor({ timeout: timeoutMs });
}

// The scaffolder's step icons carry no accessible name or test id; each state has its own
// Material UI v4 icon (frozen since 2021), told apart by the start of its SVG path.
const ICON_PATH_STATES: [string, StepState][] = [
  ['M16.59 7.58', 'completed'], // CheckCircleOutline
  ['M11 15h2v2', 'failed'], // ErrorOutline
  ['M7 11v2h10', 'skipped'], // RemoveCircleOutline
  ['M12 2C6.47 2', 'open'], // PanoramaFishEye
];

/** Every step as the task page's stepper shows it, in template order. */
export async function readTaskPageSteps(page: Page): Promise<TaskPageStep[]> {
  const labels = page.getByTestId('step-label');
  const steps: TaskPageStep[] = [];
  for (const label of await labels.all()) {
    // The first line is the step name; a second one (the duration) follows once it ran.
    const name = (
      await label.locator('.MuiStepLabel-labelContainer').innerText()
    )
      .split('\n')[0]
      .trim();
    let state: StepState | undefined;
    if ((await label.getByRole('progressbar').count()) > 0) {
      state = 'processing';
    } else {
      const d =
        (await label.locator('svg path').first().getAttribute('d')) ?? '';
      state = ICON_PATH_STATES.find(([prefix]) => d.startsWith(prefix))?.[1];
    }
    if (!state) throw new Error(`Unknown icon for the step "${name}"`);
    steps.push({ name, state });
  }
  return steps;
}

/** One step of a task as the scaffolder API reports it, with its log lines. */
export interface TaskStepReport {
  id: string;
  name: string;
  status: string;
  log: string[];
}

interface TaskEvent {
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: { message?: string; stepId?: string; status?: string };
}

/**
 * The task's steps with their statuses and logs from the scaffolder API: what "Show Logs"
 * shows, in a form a failed assertion can print.
 */
export async function fetchTaskReport(
  portal: Portal,
  taskId: string,
): Promise<{ status: string; steps: TaskStepReport[]; messages: string[] }> {
  const headers = { authorization: `Bearer ${await guestToken(portal)}` };
  const api = `${portal.baseUrl}/api/scaffolder/v2/tasks/${taskId}`;
  const [task, events] = await Promise.all([
    getJson<{
      status: string;
      spec: { steps: { id: string; name: string }[] };
    }>(api, headers),
    getJson<TaskEvent[]>(`${api}/events`, headers),
  ]);
  const steps = task.spec.steps.map(step => ({
    id: step.id,
    name: step.name,
    status: 'open',
    log: [] as string[],
  }));
  const messages: string[] = [];
  for (const event of events) {
    const step = steps.find(s => s.id === event.body.stepId);
    if (event.body.status && step) step.status = event.body.status;
    if (event.body.message) (step?.log ?? messages).push(event.body.message);
  }
  return { status: task.status, steps, messages };
}

/** A report a person can read in the test output: every step, and the log of those that failed. */
export function describeTaskReport(report: TaskReport): string {
  const lines = [`task ${report.status}`];
  for (const step of report.steps) {
    lines.push(`  ${step.status.padEnd(10)} ${step.id} (${step.name})`);
    if (step.status === 'failed') {
      lines.push(...step.log.slice(-20).map(line => `      | ${line}`));
    }
  }
  lines.push(...report.messages.map(line => `  ${line}`));
  return lines.join('\n');
}

async function getJson<T>(
  url: string,
  headers: Record<string, string>,
): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type TaskReport = Awaited<ReturnType<typeof fetchTaskReport>>;

/**
 * Clicks Create on a form's review step, waits (bounded) until the task page shows the task
 * ended, and reads the task's report from the API. Writes the report and a screenshot of the
 * task page (test-results/e2e/<screenshot>.png) to the test's output, ended or not, so a
 * failing assertion after it has both. `ended` is false when the task did not end in time.
 */
export async function createTaskAndWait(
  t: TestContext,
  page: Page,
  portal: Portal,
  options: { form: Locator; timeoutMs: number; screenshot: string },
): Promise<{ ended: boolean; report: TaskReport }> {
  await options.form.getByRole('button', { name: 'Create' }).click();
  const taskId = await taskIdOf(page);
  const ended = await waitForTaskToEnd(page, options.timeoutMs).then(
    () => true,
    () => false,
  );
  const report = await fetchTaskReport(portal, taskId);
  t.diagnostic(describeTaskReport(report));
  t.diagnostic(`screenshot: ${await saveScreenshot(page, options.screenshot)}`);
  return { ended, report };
}
