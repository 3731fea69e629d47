import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createDeployAction } from './deploy';
import { createPublishGithubTemplateBranchAction } from './publishGithubTemplateBranch';
import { createPublishLocalAction } from './publishLocal';
import { createRegisterLocalAction } from './registerLocal';
import { createResolveParametersAction } from './resolveParameters';
import { createRenderChartAction } from './renderChart';
import { createRenderDockerAction } from './renderDocker';
import { createRenderManifestsAction } from './renderManifests';
import { createUpgradeAction } from './upgrade';
import { createUpgradeGithubAction } from './upgradeGithub';
import { createUpgradeParametersAction } from './upgradeParameters';
import { createValidateAction } from './validate';

/** What the actions may need from the backend that hosts them. */
export interface EvolutionTodoActionDeps {
  config: Config;
  catalog: CatalogService;
}

/**
 * Every action this module provides. One factory per file beside this one;
 * add new actions here so the module and its test see the same list.
 */
export function createEvolutionTodoActions(
  _deps: EvolutionTodoActionDeps,
): TemplateAction<any, any, any>[] {
  return [
    createResolveParametersAction(),
    createRenderChartAction(),
    createRenderManifestsAction(),
    createRenderDockerAction(),
    createValidateAction(),
    createDeployAction(_deps),
    createPublishLocalAction(_deps),
    createRegisterLocalAction(_deps),
    createPublishGithubTemplateBranchAction(_deps),
    createUpgradeParametersAction(_deps),
    createUpgradeAction(_deps),
    createUpgradeGithubAction(_deps),
  ];
}
