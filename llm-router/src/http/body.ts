import { badRequest, RouterError, RouterErrorCode } from '../errors.ts';

/** A parsed JSON object body and its size in bytes (the size bounds the prompt's tokens). */
export interface JsonBody {
  value: Record<string, unknown>;
  bytes: number;
}

/** Reads a JSON object body; anything else is a 400 (413 past `maxBytes`), never a 500. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) throw new RouterError(RouterErrorCode.PAYLOAD_TOO_LARGE, `Request body exceeds ${maxBytes} bytes`, 413);
  let text: string;
  try {
    text = await request.text();
  } catch (error) {
    throw badRequest(`Could not read the request body: ${(error as Error).message}`);
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) throw new RouterError(RouterErrorCode.PAYLOAD_TOO_LARGE, `Request body exceeds ${maxBytes} bytes`, 413);
  if (!text.trim()) throw badRequest('Request body is empty: expected a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('Request body must be a JSON object');
  return { value: value as Record<string, unknown>, bytes };
}

/* Small validators: each names the parameter at fault, as OpenAI's `param` does. */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function requireString(body: Record<string, unknown>, key: string, param = key): string {
  const v = body[key];
  if (typeof v !== 'string' || v.length === 0) throw badRequest(`"${param}" is required and must be a non-empty string`, param);
  return v;
}

export function optionalInt(body: Record<string, unknown>, key: string, min: number, max = Number.MAX_SAFE_INTEGER, param = key): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw badRequest(`"${param}" must be an integer between ${min} and ${max}`, param);
  return v;
}

export function optionalNumber(body: Record<string, unknown>, key: string, param = key): void {
  const v = body[key];
  if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v))) throw badRequest(`"${param}" must be a number`, param);
}

export function optionalBoolean(body: Record<string, unknown>, key: string, param = key): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`"${param}" must be a boolean`, param);
  return v;
}
