// n8n-workflow runs each regular expression (a resource locator's validation, a stored By URL
// regex) in a vm under a 250 ms wall-clock watchdog. On a loaded machine a trivial match can be
// descheduled past it and fail with "Regular expression execution timed out": a test would then
// depend on the machine's load. The tests (jest's setup) and `npm start`'s demo use plain RegExp,
// as n8n's own fallback engine does; what the expressions match is what they check. The bench
// keeps n8n's engine, as n8n runs it.
import { setSafeRegexEngine } from 'n8n-workflow';

const withG = (flags?: string) => (flags?.includes('g') ? flags : `${flags ?? ''}g`);

setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) =>
		input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) =>
		Array.from(input.matchAll(new RegExp(pattern, withG(flags)))),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});
