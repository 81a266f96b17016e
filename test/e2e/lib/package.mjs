// Builds and packs this package in a private copy of the repository (so a running build of
// somebody else in the working tree is never clobbered), and installs the tarball into an n8n user
// folder exactly the way n8n installs a community package (nodes/node_modules/<name>, dev, peer and
// optional dependencies removed, `npm install --omit=dev --ignore-scripts`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

// top-level entries never needed to build the package
const SKIP_TOP = new Set(['node_modules', 'dist', '.git', '.tmp', 'test', 'coverage', 'docs', 'examples', '.ci', '.github']);

function sh(command, args, { cwd, env = process.env, what }) {
	const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) {
		const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${what} failed (exit ${r.status}):\n${out}`);
	}
	return r.stdout;
}

/** Copies the repository (sources only) to `workDir/src`, builds it there and packs it. Returns the .tgz path. */
export function buildAndPack(repoDir, workDir) {
	const src = join(workDir, 'src');
	rmSync(src, { recursive: true, force: true });
	cpSync(repoDir, src, {
		recursive: true,
		filter: (from) => {
			const rel = relative(repoDir, from);
			if (!rel) return true;
			const top = rel.split('/')[0];
			return !SKIP_TOP.has(top) && !top.endsWith('.tgz');
		},
	});
	symlinkSync(join(repoDir, 'node_modules'), join(src, 'node_modules'));
	sh('npm', ['run', 'build', '--silent'], { cwd: src, what: 'npm run build (in a copy of the repository)' });
	const out = sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], { cwd: src, what: 'npm pack' });
	const [packed] = JSON.parse(out.slice(out.indexOf('[')));
	return join(workDir, packed.filename);
}

/** Installs the tarball into `<userFolder>/.n8n/nodes/node_modules/<name>`; returns the package name. */
export function installCommunityPackage(tgz, userFolder, env = process.env) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const staging = join(nodesDir, `.staging-${basename(tgz, '.tgz')}`);
	mkdirSync(staging, { recursive: true });
	sh('tar', ['-xzf', tgz, '-C', staging, '--strip-components=1'], { what: `extracting ${tgz}` });
	const manifestFile = join(staging, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	const dest = join(nodesDir, 'node_modules', manifest.name);
	mkdirSync(join(dest, '..'), { recursive: true });
	rmSync(dest, { recursive: true, force: true });
	cpSync(staging, dest, { recursive: true });
	rmSync(staging, { recursive: true, force: true });
	// what n8n's CommunityPackagesService does before installing a package's dependencies
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(join(dest, 'package.json'), JSON.stringify(manifest, null, 2));
	sh(
		'npm',
		['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--package-lock=false', '--bin-links=false', '--install-strategy=shallow'],
		{ cwd: dest, env, what: `npm install in ${dest}` },
	);
	return manifest.name;
}
