import crypto from 'node:crypto';

/** The namespace of every id an import derives; fixed forever, or a re-import would stop recognising its rows. */
export const IMPORT_NAMESPACE = '6f1d7c3e-2b1a-5c4e-9d8f-7a6b5c4d3e2f';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 9562 UUIDv5: SHA-1 of namespace and name, version and variant bits set. */
export function uuidV5(name: string, namespace: string = IMPORT_NAMESPACE): string {
  const hash = crypto.createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An imported row's id: the owner and the row's id in the source. Two users importing one file get different ids
 * (no collision if their rows ever meet), and one user importing it twice gets the same ones (nothing twice).
 */
export function importedId(owner: string, kind: string, sourceId: string): string {
  return uuidV5(JSON.stringify([owner, kind, sourceId]));
}
