#!/usr/bin/env node
'use strict';
/**
 * Sends one Moment-shaped webhook delivery:
 *
 *   node test/simulator/send-webhook.js --url <url> --source invoice [--id N] [--event CREATE_NEW] [--token T]
 *       [--sim http://127.0.0.1:8787 [--company acme]] [--body '<raw JSON>']
 *       [--content-type TYPE|none] [--content-encoding gzip|deflate]
 *
 * With --sim the record (first one, or --id) comes from a running simulator; without it, the ids of
 * Moment's documented example are used. Prints the status and the answer; exits 0 on a 2xx answer.
 */
const { parseArgs } = require('util');

const { sendWebhook, WEBHOOK_SOURCES } = require('./webhook');

const HELP = `Send a Moment webhook delivery (HTTP POST, JSON) to a URL.

  node test/simulator/send-webhook.js --url URL --source SOURCE [flags]

  --url URL          where to POST (e.g. the Moment Trigger's webhook URL in n8n)
  --source SOURCE    ${Object.keys(WEBHOOK_SOURCES).join(' | ')}
  --event EVENT      the "event" value (default CREATE_NEW, the only one Moment documents)
  --id N             record id (from the simulator with --sim, else put in the sample payload)
  --sim URL          a running simulator's base URL: take the record from its data
  --company CODE     the simulator company (default: its first)
  --token T          appended as ?token=T (the trigger's optional secret)
  --token-param P    query parameter name for the token (default token)
  --body JSON        send this raw body instead (negative tests)
  --content-type T   the Content-Type header (default application/json; "none" sends none)
  --content-encoding gzip | deflate: compress the body and say so
`;

async function main() {
	const { values } = parseArgs({
		args: process.argv.slice(2),
		options: {
			url: { type: 'string' },
			source: { type: 'string' },
			event: { type: 'string' },
			id: { type: 'string' },
			sim: { type: 'string' },
			company: { type: 'string' },
			token: { type: 'string' },
			'token-param': { type: 'string' },
			body: { type: 'string' },
			'content-type': { type: 'string' },
			'content-encoding': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (!values.url || (!values.source && values.body === undefined)) {
		process.stderr.write(`--url and --source are required.\n\n${HELP}`);
		return 2;
	}
	const result = await sendWebhook(values.url, {
		source: values.source,
		event: values.event,
		id: values.id,
		simulator: values.sim,
		companyCode: values.company,
		token: values.token,
		tokenParam: values['token-param'],
		body: values.body,
		headers: values['content-type'] === undefined ? undefined : { 'content-type': values['content-type'] === 'none' ? null : values['content-type'] },
		contentEncoding: values['content-encoding'],
	});
	process.stdout.write(`Sent ${typeof result.payload === 'string' ? result.payload : JSON.stringify(result.payload)}\n`);
	process.stdout.write(`Answer ${result.status} ${typeof result.body === 'string' ? result.body : JSON.stringify(result.body)}\n`);
	return result.status >= 200 && result.status < 300 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`send-webhook failed: ${error.message}\n`);
		process.exit(1);
	},
);
