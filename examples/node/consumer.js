// Reads leadgen's enriched leads with kafkajs (read-committed, the default)
// and decodes values framed for a Confluent Schema Registry: magic byte 0,
// a 4-byte schema id, then the Avro datum. A lead_key keeps only its
// highest version, as leadgen's lead contract says; a tombstone (null
// value) erases the company. Prints one line per lead version taken and
// stops after --count.
//
// node consumer.js --brokers 127.0.0.1:9092 --registry http://127.0.0.1:8081 [--topic enriched-leads] [--group g] [--count 1]
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const { parseArgs } = require('node:util');

const { values: opts } = parseArgs({
  options: {
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    registry: { type: 'string', default: 'http://127.0.0.1:8081' },
    topic: { type: 'string', default: 'enriched-leads' },
    group: { type: 'string', default: 'leads-example-node' },
    count: { type: 'string', default: '0' },
  },
});
const count = Number(opts.count);
if (!Number.isInteger(count) || count < 0) {
  console.error(`--count ${opts.count}: want a whole number`);
  process.exit(2);
}

async function main() {
  const kafka = new Kafka({ clientId: 'leads-example-node', brokers: opts.brokers.split(','), logLevel: logLevel.ERROR });
  const registry = new SchemaRegistry({ host: opts.registry });
  const consumer = kafka.consumer({ groupId: opts.group });
  const latest = new Map(); // lead_key → highest version seen
  let seen = 0;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });

  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key.toString();
      if (message.value === null) {
        latest.delete(key);
        console.log(`${key} erased`);
        return;
      }
      const lead = await registry.decode(message.value);
      const version = Number(lead.version);
      if (version <= (latest.get(lead.lead_key) ?? 0)) {
        return; // an older version than one already taken
      }
      latest.set(lead.lead_key, version);
      console.log(`${lead.lead_key} v${version} ${lead.company_name} score=${lead.lead_score.toFixed(1)} people=${lead.executives.length}`);
      seen++;
      if (count > 0 && seen >= count) finish();
    },
  });
  await finished;
  await consumer.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
