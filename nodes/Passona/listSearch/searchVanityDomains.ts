import { collectionSearch } from './searchCollection';

export const searchVanityDomains = collectionSearch('vanity-domains', 'vanity domain', {
	name: (domain) => String(domain.domain),
});
