import { PrintDocumentSchema, type PrintDocument, type PrintDocumentInput } from '../document';

/**
 * Print documents are stored as JSON so that a reprint is byte-for-byte the same slip.
 * Image blocks hold a Uint8Array, which JSON cannot carry: it travels as base64.
 */
export function documentToJson(doc: PrintDocumentInput): string {
  return JSON.stringify(doc, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value,
  );
}

export function documentFromJson(json: string): PrintDocument {
  const raw: unknown = JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$bytes' in value) {
      const b64 = (value as { $bytes: unknown }).$bytes;
      if (typeof b64 === 'string') return new Uint8Array(Buffer.from(b64, 'base64'));
    }
    return value;
  });
  return PrintDocumentSchema.parse(raw);
}
