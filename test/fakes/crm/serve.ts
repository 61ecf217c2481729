/**
 * Runs one fake CRM in its own process (for the benchmark): prints one JSON line with its URL and a control
 * URL; `GET <control>/stats` answers counts. Usage: node --import tsx test/fakes/crm/serve.ts webhook|hubspot
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeHubSpot } from './hubspot';
import { FakeWebhookReceiver } from './webhook-receiver';

async function main() {
  const kind = process.argv[2] === 'hubspot' ? 'hubspot' : 'webhook';
  const webhook = new FakeWebhookReceiver(process.env.FAKE_WEBHOOK_SECRET);
  const hubspot = new FakeHubSpot(process.env.FAKE_HUBSPOT_TOKEN);
  const url = kind === 'hubspot' ? await hubspot.start() : await webhook.start();
  const control = http.createServer((_req, res) => {
    const stats =
      kind === 'hubspot'
        ? {
            delivered: hubspot.contacts.size,
            requests: hubspot.requests.length,
            upserts: hubspot.count('POST', '/crm/v3/objects/contacts/batch/upsert'),
            uniqueEmails: new Set([...hubspot.contacts.values()].map((c) => c.properties.email)).size,
          }
        : { delivered: webhook.events.size, requests: webhook.requests.length, duplicates: webhook.duplicates, rejected: webhook.rejectedSignatures };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  // keep memory flat during long runs: the request log is only needed for counts here
  setInterval(() => {
    const list = kind === 'hubspot' ? hubspot.requests : webhook.requests;
    for (const r of list) r.rawBody = '';
  }, 2000).unref();
  process.stdout.write(`${JSON.stringify({ url, control: `http://127.0.0.1:${(control.address() as AddressInfo).port}` })}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

void main();
