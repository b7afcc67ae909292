/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/harness/userFolder.ts'],
	setupFilesAfterEnv: [
		'<rootDir>/test/setup/nock.ts',
		'<rootDir>/test/setup/logs.ts',
		'<rootDir>/harness/regex.ts',
	],
	testTimeout: 20000,
};
