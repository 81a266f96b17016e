/**
 * Jest runs several test files in one process. nock patches Node's http module for the whole
 * process, and each test file gets its own copy of nock: without this, one file's interceptor
 * stays installed while the next file's copy installs another, and requests (including real ones
 * to the local Moment simulator) fail at random. Every file therefore starts with nock active and
 * ends with it removed.
 */
import nock from 'nock';

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
});

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
