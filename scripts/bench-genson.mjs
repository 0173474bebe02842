// Infers one JSON Schema from an NDJSON file with genson-js, merging one
// sample at a time, as schemagen does. Prints the records read.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(process.env.GENSON_DIR + '/');
const { createSchema, mergeSchemas } = require('genson-js');

let schema = null;
let records = 0;
const rl = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === '') continue;
  const s = createSchema(JSON.parse(line));
  schema = schema === null ? s : mergeSchemas([schema, s]);
  records++;
}
console.log(`genson-js: ${records} records, ${Object.keys(schema.properties ?? {}).length} root properties`);
