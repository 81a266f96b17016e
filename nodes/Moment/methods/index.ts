import { searchActivities, searchProjects, searchRecords, searchTasks, searchUsers } from './listSearch';

/** `methods.listSearch` of the Moment node (referenced by name from the screens' record pickers). */
export const listSearch = { searchRecords, searchProjects, searchUsers, searchActivities, searchTasks };
