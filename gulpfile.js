// tsc compiles only TypeScript: icons and codex files travel to dist/ through this step.
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['icons/*.svg', 'nodes/**/*.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
