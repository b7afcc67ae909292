import { collectionSearch } from './searchCollection';

export const searchKeywords = collectionSearch('keywords', 'keyword', {
	name: (keyword) => String(keyword.keyword),
});
