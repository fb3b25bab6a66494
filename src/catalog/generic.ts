// Compatibility re-export for src/formats until they import from catalog/judging; to be removed.
export { asNumber, countOnlyRedundancy } from './judging/index.js';
