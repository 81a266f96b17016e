// Build step 2 of 2 (`npm run build` = `tsc` then `gulp build:icons`).
// tsc only emits JavaScript; n8n loads node and credential icons from files next to the compiled
// code (`icon: 'file:../../icons/moment.svg'`), so the SVGs must be copied into dist/ with the same
// relative layout. Only the three source folders are copied: docs/ and test/ SVGs (charts,
// fixtures) must not end up in the published package.
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
