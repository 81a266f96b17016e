import packageJson from '../../package.json';
import { PACKAGE_VERSION } from '../../nodes/Moment/resources/momentApi/checkCompatibility';

it("the version the nodes report (Check Compatibility's summary) is the package's", () => {
	expect(PACKAGE_VERSION).toBe(packageJson.version);
});
