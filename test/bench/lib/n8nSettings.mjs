// The n8n settings benchmark 3 (trigger throughput) runs under: n8n is restarted with each one's
// environment. Why these three: docs/benchmarks.md, "Trigger throughput".
export const N8N_SETTINGS = {
	// n8n 2.41's default expression engine: an isolate taken eagerly for every webhook request
	// whose start node is not n8n's Webhook node v2+ (live-webhooks.js, webhookPhaseNeedsIsolate)
	vm: { env: {}, label: '`vm` engine (n8n 2.41 default)', short: 'default (vm engine)' },
	// n8n's own switch to take that isolate only when an expression is evaluated
	vmLazy: {
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		label: '`vm` engine with `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`',
		short: 'vm, lazy acquire',
	},
	legacy: { env: { N8N_EXPRESSION_ENGINE: 'legacy' }, label: '`legacy` engine (`N8N_EXPRESSION_ENGINE=legacy`)', short: 'legacy engine' },
};
