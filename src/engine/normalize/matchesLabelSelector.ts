/**
 * Kubernetes label-selector semantics (apimachinery `LabelSelectorAsSelector`): every `matchLabels` pair
 * and every `matchExpressions` requirement must hold. An empty selector matches everything.
 */
import type { LabelSelector, Labels } from '../model/meshModel.js';

/** @example matchesLabels({ app: 'a' }, { app: 'a', v: '1' }) // → true */
export function matchesLabels(required: Labels, labels: Labels): boolean {
  for (const key in required) {
    if (labels[key] !== required[key]) return false;
  }
  return true;
}

/** @example matchesLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { x: '' }) // → true */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  if (selector.matchLabels !== undefined && !matchesLabels(selector.matchLabels, labels)) return false;
  for (const requirement of selector.matchExpressions ?? []) {
    const value = labels[requirement.key];
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}
