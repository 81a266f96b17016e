/** Unit and HTTP-level tests (TypeScript, run by ts-jest). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: false, resolveJsonModule: true, esModuleInterop: true } }],
	},
	setupFilesAfterEnv: ['<rootDir>/test/helpers/nockLifecycle.ts', '<rootDir>/test/helpers/retryWaits.ts'],
	testTimeout: 20000,
};
