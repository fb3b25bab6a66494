export * from './source.js';
export * from './component.js';
export * from './finding.js';
export * from './limits.js';
export * from './glob.js';
export * from './hub.js';
export * from './last-match.js';
