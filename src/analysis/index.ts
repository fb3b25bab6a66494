export { review, scan, scanTeamsToAsk, snapshot, teamsToAsk, withDefaults } from './review.js';
export { recoveryOf } from './diff.js';
export type { ReviewInput, Inventory, Snapshot, Spof, SpofKind, StackDependency, TeamMembers } from './api.js';
