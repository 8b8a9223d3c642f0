// Regenerates the committed JSON Schemas (run: npm run schema): the daemon protocol and the orchestrator config
// format, each from the zod schemas the daemon validates with.
import fs from 'node:fs';
import path from 'node:path';
import { protocolJsonSchemaText } from '../protocol/jsonSchema';
import { writeConfigSchema } from '../config';

const docs = path.join(__dirname, '..', 'docs');
fs.writeFileSync(path.join(docs, 'protocol.schema.json'), protocolJsonSchemaText());
writeConfigSchema(path.join(docs, 'orchestrator.schema.json'));
console.log('wrote docs/protocol.schema.json and docs/orchestrator.schema.json');
