import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ensureN8n, E2E_DIR } from './lib/install.mjs';
import { buildAndPack, installCommunityPackage } from './lib/package.mjs';
import { N8n } from './lib/n8n.mjs';
import { installExitHandlers, stopAll } from './lib/processes.mjs';
import { portsFromEnv, assertPortsFree } from './lib/ports.mjs';
installExitHandlers();
const version = process.argv[2] || '2.41.1';
const t0 = Date.now(); const T = (m) => console.log(`${((Date.now()-t0)/1000).toFixed(1)}s ${m}`);
const ports = portsFromEnv('N8N_E2E_', { n8n: 5679, broker: 5699, execBroker: 5698, workerBroker: 5697, workerHealth: 5696, recorder: 5700, simulator: 5701, redis: 6380 });
await assertPortsFree(ports);
const { binary, nodeEnv } = await ensureN8n(version); T('installed');
const dir = mkdtempSync('/tmp/e2esmoke/run.');
const tgz = process.env.E2E_TARBALL || buildAndPack('/work/main', dir); T('packed ' + tgz);
const n8n = new N8n({ version, binary, nodeEnv, dir, ports });
installCommunityPackage(tgz, n8n.userFolder, { ...process.env, ...nodeEnv }); T('installed pkg');
await n8n.importWorkflow({ id: 'smokeManual00001', name: 'smoke', nodes: [
 { id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0,0], parameters: {} },
 { id: 'a2', name: 'Make', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200,0], parameters: { mode: 'raw', jsonOutput: '={{ JSON.stringify({ v: $env.E2E_X }) }}', options: {} } } ],
 connections: { Start: { main: [[{ node: 'Make', type: 'main', index: 0 }]] } }, settings: { executionOrder: 'v1' }, pinData: {} }); T('imported');
const types = await n8n.loadedNodeTypes().catch(e => (console.log(e.message), [])); T('types ' + types.filter(t => t.includes('moment')));
const run = await n8n.execute('smokeManual00001', { env: { E2E_X: 'hello' } }); T('executed ' + run.status + ' ' + JSON.stringify(run.data.resultData.runData.Make?.[0]?.data?.main?.[0]));
T('ready ' + await n8n.start());
await n8n.setupOwner({ email: 'e2e@example.com', password: 'E2eTest-Passw0rd' }); T('owner');
console.log(JSON.stringify(await n8n.executions('smokeManual00001')).slice(0, 500));
await stopAll(); T('stopped');
