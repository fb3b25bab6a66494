export { review, scan, scanTeamsToAsk, snapshot, teamsToAsk, withDefaults } from './review.js';
export { inventorySpofRows, type InventorySpofRow, type SpofFacts } from './inventory-spofs.js';
export type { ReviewInput, Inventory, Snapshot, Spof, SpofKind, StackDependency, TeamMembers } from './api.js';
