/**
 * Unit, HTTP-level and reliability tests (TypeScript, compiled by ts-jest file by file, without
 * type checking: `npm run typecheck` checks the types of the tests and the nodes, and runs in
 * `npm test`). Two workers: the 2-core machines this is developed and run on otherwise get one.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, resolveJsonModule: true, esModuleInterop: true } }],
	},
	setupFilesAfterEnv: ['<rootDir>/test/helpers/nockLifecycle.ts', '<rootDir>/test/helpers/retryWaits.ts'],
	testTimeout: 20000,
	maxWorkers: 2,
};
