export { review, scan, snapshot, withDefaults } from './review.js';
export type { ReviewInput, Inventory, Snapshot, Spof, SpofKind, StackDependency } from './api.js';
