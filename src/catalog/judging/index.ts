/**
 * What catalog entries judge with: reading a resource's values without guessing, building its
 * redundancy and zones, and wrapping them into a judgement. Provider-neutral; the entries hold the knowledge.
 */
export * from './values.js';
export * from './zones.js';
export * from './redundancy.js';
export * from './judgement.js';
