/** transport/: everything that talks HTTP to Moment; nothing outside this folder builds URLs or sends requests (map: docs/development.md). */
export { momentApiRequest, CREDENTIAL_TYPE } from './request';
export type { MomentContext, MomentRequest } from './request';
export { momentApiRequestAllItems, fetchListPage, parseListPage, MAX_PAGE_SIZE } from './pagination';
export type { ListFailureKind, ListPage, ListRequest } from './pagination';
export { parseInclude } from './url';
export type { MomentConnection, MomentCredentials } from './url';
export { deadlineIn } from './retry';
export type { Deadline, RetryPolicy } from './retry';
