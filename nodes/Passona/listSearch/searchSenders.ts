import { collectionSearch } from './searchCollection';

export const searchSenders = collectionSearch('senders', 'sender', {
	name: (sender) => String(sender.sender),
});
