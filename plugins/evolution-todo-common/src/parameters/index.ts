export * from './defaults';
export * from './quantities';
export {
  deploymentParametersSchema,
  INGRESS_PROVIDERS,
  LOGGING_STACKS,
  ROLLOUT_STRATEGIES,
} from './schema';
export type {
  DeploymentParameters,
  ParsedDeploymentParameters,
} from './schema';
export * from './spec';
export { deploymentParametersJsonSchema } from './jsonSchema';
export type { JsonSchemaNode } from './jsonSchema';
export { CHART_ENV_NAMES, CHART_POD_ANNOTATIONS } from './platform';
