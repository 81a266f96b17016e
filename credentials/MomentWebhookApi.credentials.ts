/** credentials/: the Moment Webhook API credential (the Moment Trigger's secret token) (map: docs/development.md). */
import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The secret token of a Moment Trigger (version 2). Moment signs nothing and its webhook form has
 * only a URL, so the user adds `?token=<secret>` to the URL pasted into Moment and the trigger
 * compares it (nodes/Moment/trigger/secret.ts). Kept here, n8n stores it encrypted and never in the
 * workflow. It is never sent anywhere: the Moment Trigger's `testedBy` function checks that it is
 * long enough and safe in a URL.
 */
export class MomentWebhookApi implements ICredentialType {
	name = 'momentWebhookApi';

	displayName = 'Moment Webhook API';

	icon: Icon = { light: 'file:../icons/moment.svg', dark: 'file:../icons/moment.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-moment/n8n-nodes-moment#secret-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'At least 20 letters and digits ("-", "_", "." and "~" are allowed too), best made by a password manager. Add ?token= and this secret to the end of the Moment Trigger\'s URL when you paste it into Moment. Moment does not sign its webhooks, so this is what tells its calls apart from anyone else\'s.',
		},
	];
}
