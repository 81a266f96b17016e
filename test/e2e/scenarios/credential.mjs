// The credentials' Test button, as the editor calls it (POST /rest/credentials/test). Moment API:
// the right key passes; a wrong key and a wrong company code fail, each with its own message. n8n
// 2.x shows the messages the credential defines (its responseCode rules); n8n 1.123 was seen to
// ignore those rules and show its generic 401 / 404 texts instead (README, "Compatibility").
// Moment Webhook API: tested by the Moment Trigger (testedBy): a secret fit for the URL passes, a
// short one fails with the trigger's message, in both versions.
const EXPECTED = {
	2: { wrongKey: /rejected the API key/i, wrongCompany: /does not know this company code/i },
	1: { wrongKey: /Authorization failed/i, wrongCompany: /could not be found/i },
};

export async function credentialTest({ n8n, checks, credentials }) {
	const expected = EXPECTED[Math.min(n8n.major, 2)];
	const test = async (credential) => {
		const { status, body } = await n8n.rest('POST', '/credentials/test', { credentials: credential });
		return { status, result: body?.data ?? body };
	};
	const good = await test(credentials.good);
	checks.equal({ status: good.status, result: good.result?.status }, { status: 200, result: 'OK' }, 'credential test passes with the right key');
	const badKey = await test(credentials.wrongKey);
	checks.ok(badKey.result?.status === 'Error' && expected.wrongKey.test(badKey.result?.message ?? ''), `credential test with a wrong key fails (401): "${badKey.result?.message}"`, badKey);
	const badCompany = await test(credentials.wrongCompany);
	checks.ok(badCompany.result?.status === 'Error' && expected.wrongCompany.test(badCompany.result?.message ?? ''), `credential test with an unknown company fails (404): "${badCompany.result?.message}"`, badCompany);
	checks.ok(!JSON.stringify([good, badKey, badCompany]).includes(credentials.good.data.apiKey), 'no test answer contains the API key');

	const secretOk = await test(credentials.webhook);
	checks.ok(secretOk.result?.status === 'OK' && /add \?token= and the secret/.test(secretOk.result?.message ?? ''), `Moment Webhook API credential test passes a good secret: "${secretOk.result?.message}"`, secretOk);
	const secretShort = await test(credentials.webhookShort);
	checks.ok(secretShort.result?.status === 'Error' && /The secret is only 9 characters long; use at least 20/.test(secretShort.result?.message ?? ''), `Moment Webhook API credential test fails a short secret: "${secretShort.result?.message}"`, secretShort);
	checks.ok(!JSON.stringify([secretOk, secretShort]).includes(credentials.webhook.data.secret) && !JSON.stringify(secretShort).includes(credentials.webhookShort.data.secret), 'no test answer contains the secret');
}
