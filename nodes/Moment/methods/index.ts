import { searchRecords } from './listSearch';

/** `methods.listSearch` of the Moment node (names referenced by actions/description/recordLocator.ts). */
export const listSearch = { searchRecords };
