// No test reaches a real network, and every answer a test prepared must have been asked for.
// Each test file gets its own nock (jest module registry), so each one unhooks itself at the end.
import nock from 'nock';

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});
