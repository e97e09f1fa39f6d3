import { ErrorCode, MODERATION_CATEGORIES, ModerationCategory, type CategoryScores } from '@startales/contracts';

export { parseScores } from '@startales/contracts';
import { AppError, InputError } from '@startales/kit';

export const MIN_DESCRIPTION = 10;
export const MAX_DESCRIPTION = 1000;
/** Largest image accepted from the router (decoded). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export interface GenerateCharacterImageInput {
  description: string;
  setAsCharacterImage?: boolean | null;
}

/** The description, whitespace-normalised; BAD_USER_INPUT (field `input.description`) unless 10–1000 characters of text. */
export function validateDescription(raw: unknown): string {
  if (typeof raw !== 'string') throw new InputError('description is required', 'input.description');
  // control characters other than line breaks and tabs have no place in a description (and confuse prompts)
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw)) throw new InputError('description holds control characters', 'input.description');
  const text = raw.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  const length = [...text].length;
  if (length < MIN_DESCRIPTION) throw new InputError(`describe your character in at least ${MIN_DESCRIPTION} characters`, 'input.description');
  if (length > MAX_DESCRIPTION) throw new InputError(`a description is at most ${MAX_DESCRIPTION} characters`, 'input.description');
  return text;
}

export type { CategoryScores };

/**
 * Scores at or above which a description or portrait is refused. A portrait is shown on a public profile, so
 * sexual content counts earlier than in play; fantasy weapons and armour are the game, so violence counts late.
 */
export const REFUSE_AT: Readonly<Record<ModerationCategory, number>> = {
  [ModerationCategory.HARASSMENT]: 0.6,
  [ModerationCategory.HATE]: 0.5,
  [ModerationCategory.SEXUAL]: 0.5,
  [ModerationCategory.SEXUAL_MINORS]: 0.2,
  [ModerationCategory.SELF_HARM]: 0.5,
  [ModerationCategory.VIOLENCE]: 0.85,
  [ModerationCategory.ILLICIT]: 0.7,
  [ModerationCategory.SPAM]: 0.8,
};

/** The categories whose score reaches its refusal threshold. */
export const refusedCategories = (scores: CategoryScores): ModerationCategory[] => MODERATION_CATEGORIES.filter((c) => scores[c] >= REFUSE_AT[c]);


/** The image model's prompt: a portrait of the described character, in the game's style, without text. */
export const portraitPrompt = (description: string) =>
  [
    'A portrait of a character for a fantasy tabletop role-playing game, painterly digital illustration,',
    'head and shoulders, expressive face, atmospheric background, no text, no lettering, no watermark.',
    `The character, as the player describes them: ${description}`,
  ].join(' ');

const MIME = [
  { type: 'image/png', ext: 'png', test: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a },
  { type: 'image/jpeg', ext: 'jpg', test: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
  },
] as const;

/** The image's type from its first bytes (what the provider says is not trusted), or null. */
export function sniffImage(bytes: Uint8Array): { type: string; ext: string } | null {
  const found = bytes.length >= 12 ? MIME.find((m) => m.test(bytes)) : undefined;
  return found ? { type: found.type, ext: found.ext } : null;
}

export const extensionOf = (contentType: string) => MIME.find((m) => m.type === contentType)?.ext ?? null;

/** The description or the generated portrait broke the content policy. */
export class ContentRejectedError extends AppError {
  override readonly name = 'ContentRejectedError';
  constructor(stage: 'DESCRIPTION' | 'IMAGE', categories: readonly string[]) {
    super(
      ErrorCode.CONTENT_REJECTED,
      stage === 'DESCRIPTION'
        ? 'That description breaks the content policy; describe your character differently'
        : 'The portrait drawn from that description broke the content policy; describe your character differently',
      422,
      { stage, categories },
    );
  }
}
