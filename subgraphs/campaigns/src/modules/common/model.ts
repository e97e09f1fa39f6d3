import { InputError } from '@startales/kit';
import { isTimeZone } from '@startales/game';

/** A canonical BCP-47 tag (`pt-br` → `pt-BR`), BAD_USER_INPUT naming `field` otherwise. */
export function parseLanguage(value: unknown, field = 'language'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) throw new InputError('language must be a BCP-47 tag such as en or pt-BR', field);
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    if (!tag) throw new RangeError('empty');
    return tag;
  } catch {
    throw new InputError('language must be a BCP-47 tag such as en or pt-BR', field);
  }
}

/** An IANA time zone name, BAD_USER_INPUT naming `field` otherwise. */
export function parseTimeZone(value: unknown, field = 'timezone'): string {
  if (typeof value !== 'string' || !isTimeZone(value)) throw new InputError('timezone must be an IANA time zone such as Europe/Berlin', field);
  return value;
}
