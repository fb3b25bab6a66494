/**
 * Disruption protection of the pods an operator runs for its resource (a Prometheus, a RabbitmqCluster):
 * the PodDisruptionBudgets that select the labels the operator sets on those pods. Only for operators
 * that keep no budget of their own: there a user's budget is the only protection, so deleting it (or
 * making it block every eviction) is judged as for a Deployment. The operator places its pods, so
 * spread and pinning stay unknown ('none').
 */
import type { Protection } from '../../model/index.js';
import type { K8sObject } from './objects.js';
import { budgetIsUsers, operatorPodLabels } from './operators.js';
import { budgetOf, type Budget, type Budgets, type PodSet } from './protection.js';

export function operatorPods(o: K8sObject): PodSet | undefined {
  if (!budgetIsUsers(o)) return undefined;
  const labels = operatorPodLabels(o);
  return labels?.size ? { obj: o, labels } : undefined;
}

/** The budget of an operator's pods and the protection it gives, or undefined when the operator keeps its own. */
export function operatorProtection(o: K8sObject, budgets: Budgets, instances: number | null): { pods: PodSet; budget: Budget; protection: Protection } | undefined {
  const pods = operatorPods(o);
  if (!pods) return undefined;
  const budget = budgetOf(pods, budgets, instances);
  return { pods, budget, protection: { budget: budget.budget, spread: 'none', spreadRequired: false, pinned: false } };
}
