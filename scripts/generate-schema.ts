// Regenerates docs/protocol.schema.json from daemon/protocol/ (run: npm run schema).
import fs from 'node:fs';
import path from 'node:path';
import { protocolJsonSchemaText } from '../daemon/protocol/jsonSchema';

const target = path.join(__dirname, '..', 'docs', 'protocol.schema.json');
fs.writeFileSync(target, protocolJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
