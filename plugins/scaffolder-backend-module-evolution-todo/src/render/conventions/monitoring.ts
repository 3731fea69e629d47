/**
 * Fixed settings of the monitoring family. chartValues() writes the exporter
 * resources into values.yaml and the TypeScript renderer reads them from here,
 * so both sides agree; the alert thresholds are spelled in the chart's
 * prometheusrule.yaml too and the parity test holds them equal.
 */

/** Requests and limits of the exporter containers: tiny, one scrape every interval. */
export const EXPORTER_RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '200m', memory: '128Mi' },
} as const;

/** When the alerts fire. Changing one here needs the same change in prometheusrule.yaml. */
export const ALERT_THRESHOLDS = {
  /** Share of backend responses that are 5xx. */
  errorRatio: 0.05,
  /** Backend p99 request duration. */
  latencyP99Seconds: 1,
  /** Share of a job's scrape targets that are down. */
  targetsDownRatio: 0.1,
} as const;
