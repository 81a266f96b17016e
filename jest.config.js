/**
 * Unit, HTTP-level and reliability tests (TypeScript, compiled by ts-jest file by file, without
 * type checking: `npm run typecheck` checks the types of the tests and the nodes, and runs in
 * `npm test`). Two workers: the 2-core machines this is developed and run on otherwise get one.
 *
 * Two projects, chosen by path (docs/development.md, "Which test command when"):
 * - `unit` (`npm run test:unit`, the loop while you change code): every file except SLOW_TESTS;
 * - `slow` (`npm run test:slow`): SLOW_TESTS, the files that spend long in processor time or in
 *   real waits (property runs, virtual-time races, 64 MB bodies, scale, timing, time limits).
 * `npm test` runs both, as two counted steps; `npx jest` alone runs both too, and
 * `npx jest <file>` runs that file whichever project it is in.
 */

/** Measured per file (CPU and wall time) with `npx jest --ci --json`; see docs/development.md. */
const SLOW_TESTS = [
	'test/events/nodeLock.test.ts',
	'test/transport/sharedKey.test.ts',
	'test/transport/bodySize.test.ts',
	'test/compatibility/check.test.ts',
	'test/trigger/readerCost.test.ts',
	'test/poll/scale.test.ts',
	'test/compatibility/profiles.test.ts',
	'test/reliability/payloadFuzz.test.ts',
	'test/reliability/apiFaults.test.ts',
	'test/poll/reliability.test.ts',
	'test/trigger/hungMoment.test.ts',
	'test/compatibility/privacy.test.ts',
	'test/compatibility/failures.test.ts',
	'test/transport/timeLimits.test.ts',
	'test/poll/limits.test.ts',
];

// a slow file that was moved or renamed would fall silently into the fast loop: say so instead
const missing = SLOW_TESTS.filter((path) => !require('fs').existsSync(require('path').join(__dirname, path)));
if (missing.length > 0) throw new Error(`jest.config.js: SLOW_TESTS names files that do not exist: ${missing.join(', ')}. Update the list.`);

/** A path as a testPathIgnorePatterns / testRegex entry: this file exactly, under <rootDir>. */
const exactly = (path) => `<rootDir>/${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, resolveJsonModule: true, esModuleInterop: true } }],
	},
	setupFilesAfterEnv: ['<rootDir>/test/helpers/nockLifecycle.ts', '<rootDir>/test/helpers/retryWaits.ts'],
};

module.exports = {
	testTimeout: 20000,
	maxWorkers: 2,
	projects: [
		{
			...shared,
			displayName: 'unit',
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', ...SLOW_TESTS.map(exactly)],
		},
		{
			...shared,
			displayName: 'slow',
			testMatch: SLOW_TESTS.map((path) => `<rootDir>/${path}`),
		},
	],
};
