import { severityRank, type Component, type Finding } from '../model/index.js';
import { rate } from './environment.js';

const CEILING = 'low' as const;

/**
 * A new single service, or more depending on one, in a compose project that runs on one Docker engine
 * (`Component.oneEngine`): the host already takes every service down with it, and the project's
 * replicated members guard against a container crash only. The reviewer learns it, as information.
 * Cuts of the redundancy the project had are not rated here: they keep their severity.
 */
export function rateOnOneEngine(finding: Finding, component: Component): void {
  if (!component.oneEngine || severityRank(finding.severity) <= severityRank(CEILING)) return;
  rate(finding, CEILING, `${component.id} runs on one Docker engine with the rest of ${component.stack}, as ${component.oneEngine}: that host already fails every service together`);
}
