/**
 * What evidence shows for a part of a value that is not known statically (a subnet id from a module
 * output, a data source attribute, a pseudo parameter): a marker, so that `[three ids] -> [two ids]`
 * reads as a change of size rather than a list of nulls. Every format uses the same word.
 */
export const UNKNOWN_ITEM = '(unknown)';
