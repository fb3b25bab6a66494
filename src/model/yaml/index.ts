export * from './tree.js';
export * from './limits.js';
export * from './screen.js';
export * from './read.js';
