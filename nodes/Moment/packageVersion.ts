/**
 * The package's version, as the nodes report it (map: docs/development.md).
 * The package's version, for what the nodes report about themselves (the compatibility check's
 * summary). Shipped code cannot read package.json; test/catalog/packageVersion.test.ts fails when
 * the two differ, and scripts/release.mjs writes both.
 */
export const PACKAGE_VERSION = '0.1.0';
