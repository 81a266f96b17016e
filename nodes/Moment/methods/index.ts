import { searchRecords } from './listSearch';

/** `methods.listSearch` of the Moment node (referenced by name from actions/shared/recordPicker.description.ts). */
export const listSearch = { searchRecords };
