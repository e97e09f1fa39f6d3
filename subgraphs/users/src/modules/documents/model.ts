import { createHash } from 'node:crypto';
import { Kind, parse } from 'graphql';
import { InputError } from '@startales/kit';

/** Largest document body, in bytes (UTF-8). */
export const MAX_DOCUMENT_BYTES = 64 * 1024;
/** Documents one registration call may carry. */
export const MAX_DOCUMENTS_PER_CALL = 100;
/** Documents one partner may hold. */
export const MAX_DOCUMENTS_PER_OWNER = 2000;
/** The document id: SHA-256 of its exact text, hex (what Apollo clients send as `persistedQuery.sha256Hash`). */
export const DOCUMENT_ID = /^[0-9a-f]{64}$/;

export interface TrustedDocumentInput {
  body: string;
  name?: string | null;
}

export const documentHash = (body: string) => createHash('sha256').update(body).digest('hex');

/** Checks one document: size, name, and that it parses as an executable document with at least one operation. */
export function validateDocument(input: TrustedDocumentInput, index: number): TrustedDocumentInput & { hash: string } {
  const field = `documents.${index}`;
  if (Buffer.byteLength(input.body) > MAX_DOCUMENT_BYTES) throw new InputError(`a document is at most ${MAX_DOCUMENT_BYTES} bytes`, `${field}.body`);
  const name = input.name?.trim() || null;
  if (name && name.length > 120) throw new InputError('name must be at most 120 characters', `${field}.name`);
  let operations = 0;
  try {
    for (const def of parse(input.body, { noLocation: true, maxTokens: 20_000 }).definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION) operations++;
      else if (def.kind !== Kind.FRAGMENT_DEFINITION) throw new InputError('only operations and fragments are allowed', `${field}.body`);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`not a GraphQL document: ${(error as Error).message}`, `${field}.body`);
  }
  if (operations === 0) throw new InputError('a document needs at least one operation', `${field}.body`);
  return { body: input.body, name, hash: documentHash(input.body) };
}

export function validateDocuments(inputs: TrustedDocumentInput[]) {
  if (inputs.length === 0) throw new InputError('send at least one document', 'documents');
  if (inputs.length > MAX_DOCUMENTS_PER_CALL) throw new InputError(`at most ${MAX_DOCUMENTS_PER_CALL} documents per call`, 'documents');
  return inputs.map(validateDocument);
}
