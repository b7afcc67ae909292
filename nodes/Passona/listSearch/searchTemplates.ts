import { collectionSearch } from './searchCollection';

export const searchTemplates = collectionSearch('templates', 'template', {
	name: (template) => String(template.name),
});
