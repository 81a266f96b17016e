// The Moment API credential as a user sets it up from the Moment node: "Connect to Moment", the
// form, and n8n's test of it (n8n 2.41: Save tests; the result banner's Retry tests the form's
// values again). A wrong key and a wrong company code each show the credential's own message for
// Moment's answer (401, 404: the rules of its test request); the right values pass and are saved.
import { closeNdv, createWorkflow, openNode, openWorkflow, rest } from '../lib/editor.mjs';
import { createCredentialFromNode, credentialInput, fillCredential, retryTest, saveAndClose, saveAndTest } from '../lib/credentialModal.mjs';
import { MANUAL_TRIGGER, nodeAt } from './workflows.mjs';

/** The message the credential's test shows for Moment's `status` answer (its responseCode rule). */
function ruleMessage(credential, status) {
	const rule = (credential.type.test?.rules ?? []).find((r) => r.type === 'responseCode' && Number(r.properties.value) === status);
	if (!rule) throw new Error(`credential ${credential.name} has no test rule for ${status}`);
	return rule.properties.message;
}

/** Creates the credential through the editor; returns { id, name } of the saved one. */
export async function credentialSetup(ctx) {
	const { page, baseUrl, pkg, sim, checks } = ctx;
	const node = pkg.nodes.find((n) => !n.isTrigger && (n.description.credentials ?? []).length > 0);
	const credential = pkg.credentials.find((c) => c.name === node.description.credentials[0].name);
	const workflow = await createWorkflow(page, baseUrl, {
		name: 'UI: credential set-up',
		nodes: [MANUAL_TRIGGER, nodeAt(node, 'Moment', 1, {})],
		connections: { Start: { main: [[{ node: 'Moment', type: 'main', index: 0 }]] } },
	});
	await openWorkflow(page, baseUrl, workflow);
	const ndv = await openNode(page, 'Moment');
	const modal = await createCredentialFromNode(page, ndv);
	const good = { apiKey: sim.apiKey, companyCode: sim.companyCode, baseUrl: sim.url };
	const passwordFields = credential.type.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
	for (const name of passwordFields) {
		const type = await credentialInput(modal, name).getAttribute('type');
		await checks.equal(type, 'password', `credential: "${credential.type.properties.find((p) => p.name === name).displayName}" is a password field (dots, never the key)`);
	}

	await fillCredential(modal, { ...good, apiKey: 'not-the-right-key' });
	const wrongKey = await saveAndTest(page, modal);
	const keyMessage = ruleMessage(credential, 401);
	await checks.check(!wrongKey.ok && wrongKey.text.includes(keyMessage), `credential: Save with a wrong API key shows "Couldn't connect" and Moment's reason: "${keyMessage.slice(0, 60)}…"`, `the banner says: ${wrongKey.text}`);

	await fillCredential(modal, { ...good, companyCode: 'nosuchcompany' });
	const wrongCompany = await retryTest(page, modal);
	const companyMessage = ruleMessage(credential, 404);
	await checks.check(!wrongCompany.ok && wrongCompany.text.includes(companyMessage), `credential: Retry with a wrong company code shows "Couldn't connect" and "${companyMessage.slice(0, 60)}…"`, `the banner says: ${wrongCompany.text}`);

	await fillCredential(modal, good);
	const passed = await retryTest(page, modal);
	await checks.check(passed.ok && /Connection tested successfully/.test(passed.text), 'credential: Retry with the right key and company code says "Connection tested successfully"', `the banner says: ${passed.text}`);
	const shown = await modal.innerText();
	await checks.check(!shown.includes(sim.apiKey), 'credential: the modal never shows the API key as text');

	const name = (await page.getByTestId('credential-name').innerText()).trim();
	await saveAndClose(page, modal);
	const selected = await ndv.getByTestId('node-credentials-select').locator('input').first().inputValue();
	await checks.equal(selected, name, `credential: after Save the Moment node uses the new credential "${name}"`);
	await closeNdv(page);
	const saved = (await rest(page, baseUrl, 'GET', '/credentials')).find((c) => c.name === name && c.type === credential.name);
	if (!saved) throw new Error(`the credential "${name}" is not in n8n's credential list after Save`);
	return { id: saved.id, name: saved.name, type: credential.name };
}
