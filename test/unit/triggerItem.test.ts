/** The trigger's item: Passona's received_at and the node's receivedAt each keep one meaning. */
import { deliveryItem } from '../../nodes/PassonaTrigger/delivery';

describe('received_at and receivedAt', () => {
	const arrived = new Date('2026-11-23T12:00:05.250Z');

	test("received_at is Passona's, passed through unchanged; receivedAt is when n8n received the call", () => {
		const item = deliveryItem(
			{ from: '447700900123', message: 'JOIN', received_at: '2026-11-23 12:00:01' },
			arrived,
		);
		expect(item).toEqual({
			from: '447700900123',
			message: 'JOIN',
			received_at: '2026-11-23 12:00:01',
			receivedAt: '2026-11-23T12:00:05.250Z',
		});
	});

	test('a body without received_at gets none made up', () => {
		expect(deliveryItem({ message: 'JOIN' }, arrived)).toEqual({
			message: 'JOIN',
			receivedAt: '2026-11-23T12:00:05.250Z',
		});
	});

	test("receivedAt always means n8n's time, even if the body carried a field of that name", () => {
		expect(deliveryItem({ receivedAt: 'yesterday' }, arrived).receivedAt).toBe(
			'2026-11-23T12:00:05.250Z',
		);
	});
});
