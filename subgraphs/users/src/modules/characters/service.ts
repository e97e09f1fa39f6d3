import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, NotFoundError, metrics, type EntityManager, type Logger, type ObjectStorage } from '@startales/kit';
import { CharacterImage, CharacterImageStatus } from './entities/character-image.entity.ts';
import { ContentRejectedError, extensionOf, portraitPrompt, refusedCategories, sniffImage, validateDescription, type GenerateCharacterImageInput } from './model.ts';
import { routerFailure, type CharacterRouter } from './router.ts';

export interface CharacterImageServiceOptions {
  /** Absent: generation answers SERVICE_UNAVAILABLE (the rest works). */
  router?: CharacterRouter;
  /** Absent: generation answers SERVICE_UNAVAILABLE and nothing is served. */
  storage?: ObjectStorage;
  /** Images are served at `<mediaBaseUrl>/media/characters/<id>.<ext>`. */
  mediaBaseUrl: string;
  /** Attempts one player may make per rolling 24 hours (failures caused by us do not count). */
  perDay: number;
  clock: () => number;
  logger: Logger;
}

const DAY_MS = 86_400_000;
/** A PENDING attempt younger than this is in flight: one at a time per player (older ones crashed). */
const IN_FLIGHT_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Statuses that count towards the daily limit: everything that reached (or may reach) the router's bill. */
const COUNTED = [CharacterImageStatus.PENDING, CharacterImageStatus.READY, CharacterImageStatus.REJECTED, CharacterImageStatus.REMOVED];

const outcomes = metrics.counter('users_character_images_total', 'Character portrait attempts, by outcome.', ['outcome']);

/** Where a user's objects live: erasure removes everything under it. */
export const characterPrefix = (userId: string) => `characters/${userId}/`;

/** Media URL of a READY image (null otherwise). */
export function characterImageUrl(base: string, image: Pick<CharacterImage, 'id' | 'status' | 'contentType'>): string | null {
  if (image.status !== CharacterImageStatus.READY || !image.contentType) return null;
  return `${base.replace(/\/$/, '')}/media/characters/${image.id}.${extensionOf(image.contentType) ?? 'bin'}`;
}

class RateLimitError extends AppError {
  override readonly name = 'RateLimitError';
  constructor(message: string, retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, message, 429, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

const unavailable = (cause?: unknown) => new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Character portraits are unavailable right now; try again later', 503, {}, { cause });

/**
 * Character portraits: a player's description is checked by the classifier, drawn by the image model and the result
 * checked again (the picture itself), all through llm-router and attributed to the player; the image is stored
 * through object storage and served by an unguessable URL. Every attempt is a row, so the daily limit holds across
 * instances (the count and the new row are taken under a per-player advisory lock).
 */
export function createCharacterImageService(options: CharacterImageServiceOptions) {
  const { clock, logger } = options;

  /** Takes a slot: RATE_LIMITED when one is in flight or the day's attempts are used; else a PENDING row. */
  const reserve = (em: EntityManager, userId: string, description: string): Promise<string> =>
    em.transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 7))`, [`character-image:${userId}`]);
      const now = clock();
      const recent = await tx.find(
        CharacterImage,
        { userId, status: { $in: COUNTED }, createdAt: { $gt: new Date(now - DAY_MS) } },
        { orderBy: { createdAt: 'asc' }, fields: ['id', 'status', 'createdAt'] },
      );
      const inFlight = recent.find((r) => r.status === CharacterImageStatus.PENDING && r.createdAt.getTime() > now - IN_FLIGHT_MS);
      if (inFlight) throw new RateLimitError('A portrait is already being drawn for you; wait for it to finish', (inFlight.createdAt.getTime() + IN_FLIGHT_MS - now) / 1000);
      if (recent.length >= options.perDay) {
        const oldest = recent[recent.length - options.perDay]!;
        throw new RateLimitError(`At most ${options.perDay} portraits a day; try again later`, (oldest.createdAt.getTime() + DAY_MS - now) / 1000);
      }
      const id = crypto.randomUUID();
      tx.create(CharacterImage, { id, userId, description, status: CharacterImageStatus.PENDING, createdAt: new Date(now) });
      return id;
    });

  /** Makes `id` the user's character image (null: none), in one statement. */
  const select = async (em: EntityManager, userId: string, id: string | null) => {
    await em.nativeUpdate(CharacterImage, { userId, selected: true, ...(id ? { id: { $ne: id } } : {}) }, { selected: false });
    if (id) await em.nativeUpdate(CharacterImage, { id, userId, status: CharacterImageStatus.READY }, { selected: true });
  };

  return {
    urlOf: (image: CharacterImage) => characterImageUrl(options.mediaBaseUrl, image),

    async generate(em: EntityManager, userId: string, input: GenerateCharacterImageInput): Promise<CharacterImage> {
      const description = validateDescription(input?.description);
      const { router, storage } = options;
      if (!router || !storage || options.perDay <= 0) throw unavailable();
      const id = await reserve(em, userId, description);
      let cost = 0;
      const spent = (micros: number | null) => void (cost += micros ?? 0);
      const settle = (status: CharacterImageStatus, fields: Partial<CharacterImage>) =>
        em.nativeUpdate(CharacterImage, { id }, { status, costMicros: cost, ...fields } as never);
      let storedKey: string | null = null;
      try {
        const verdict = await router.classifyDescription(userId, description);
        spent(verdict.costMicros);
        const refused = refusedCategories(verdict.value);
        if (refused.length) {
          await settle(CharacterImageStatus.REJECTED, { rejectedStage: 'DESCRIPTION', categories: refused });
          throw new ContentRejectedError('DESCRIPTION', refused);
        }
        const prompt = portraitPrompt(description);
        const drawn = await router.generate(userId, prompt);
        spent(drawn.costMicros);
        const image = drawn.value;
        const kind = sniffImage(image.bytes);
        if (!kind) throw unavailable(new Error('the image model answered bytes that are not PNG, JPEG or WebP'));
        const check = await router.classifyImage(userId, { bytes: image.bytes, contentType: kind.type }, image.revisedPrompt ?? prompt);
        spent(check.costMicros);
        const refusedImage = refusedCategories(check.value);
        if (refusedImage.length) {
          await settle(CharacterImageStatus.REJECTED, { rejectedStage: 'IMAGE', categories: refusedImage, model: image.model.slice(0, 120), revisedPrompt: image.revisedPrompt });
          throw new ContentRejectedError('IMAGE', refusedImage);
        }
        const key = `${characterPrefix(userId)}${id}.${kind.ext}`;
        try {
          await storage.put(key, image.bytes, { contentType: kind.type });
        } catch (error) {
          throw unavailable(error);
        }
        storedKey = key;
        await settle(CharacterImageStatus.READY, {
          storageKey: key,
          contentType: kind.type,
          byteSize: image.bytes.length,
          model: image.model.slice(0, 120),
          revisedPrompt: image.revisedPrompt,
        });
        storedKey = null;
        if (input.setAsCharacterImage) await select(em, userId, id);
        outcomes.inc({ outcome: 'ready' });
        return await em.findOneOrFail(CharacterImage, { id }, { refresh: true });
      } catch (error) {
        const typed = routerFailure(error, 'DESCRIPTION');
        if (storedKey) await storage.delete(storedKey).catch(() => {});
        // our own refusals are recorded already (the update then matches nothing); a provider's refusal is not
        const fields =
          typed instanceof ContentRejectedError
            ? { status: CharacterImageStatus.REJECTED, rejectedStage: typed.extensions.stage as string, categories: typed.extensions.categories as string[] }
            : { status: CharacterImageStatus.FAILED, error: `${typed.code}: ${String((typed.cause as Error | undefined)?.message ?? typed.message)}`.slice(0, 500) };
        if (typed instanceof ContentRejectedError) outcomes.inc({ outcome: `rejected_${String(typed.extensions.stage).toLowerCase()}` });
        else {
          outcomes.inc({ outcome: 'failed' });
          logger.warn('character portrait failed', { userId, imageId: id, code: typed.code, error });
        }
        await em
          .nativeUpdate(CharacterImage, { id, status: CharacterImageStatus.PENDING }, { ...fields, costMicros: cost })
          .catch((e: unknown) => logger.error('could not record a failed portrait', { imageId: id, error: e }));
        throw typed;
      }
    },

    /** Sets (or with null clears) the user's character image: one of their READY images. */
    async select(em: EntityManager, userId: string, id: string | null): Promise<void> {
      if (id !== null) {
        if (!UUID.test(id)) throw new InputError('id must be a character image id', 'id');
        if (!(await em.count(CharacterImage, { id, userId, status: CharacterImageStatus.READY }))) throw new NotFoundError('No such character image');
      }
      await em.transactional((tx) => select(tx, userId, id));
    },

    /** Removes one of the user's images: its URL answers 404 at once and the stored object is deleted. */
    async remove(em: EntityManager, userId: string, id: string): Promise<boolean> {
      if (!UUID.test(id)) return false;
      const image = await em.findOne(CharacterImage, { id, userId, status: CharacterImageStatus.READY });
      if (!image) return false;
      const key = image.storageKey;
      // a native update does not run the entity's onUpdate: set the removal time, which retention ages the row by
      await em.nativeUpdate(CharacterImage, { id }, { status: CharacterImageStatus.REMOVED, selected: false, storageKey: null, updatedAt: new Date(clock()) });
      // an object left behind by a failed delete is unreachable (the row no longer points at it) and erasure sweeps it
      if (key) await options.storage?.delete(key).catch((error: unknown) => logger.warn('could not delete a removed portrait', { key, error }));
      return true;
    },

    /** The user's chosen character image, if any. */
    current: (em: EntityManager, userId: string) => em.findOne(CharacterImage, { userId, selected: true, status: CharacterImageStatus.READY }),

    /** The user's READY images, newest first. */
    list: (em: EntityManager, userId: string, first: number) =>
      em.find(CharacterImage, { userId, status: CharacterImageStatus.READY }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first }),

    /** What `GET /media/characters/<id>.<ext>` serves: the bytes of a READY image, or null (unknown, removed, wrong extension). */
    async media(em: EntityManager, file: string): Promise<{ id: string; bytes: Uint8Array<ArrayBuffer>; contentType: string } | null> {
      const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z]+)$/.exec(file);
      if (!m || !options.storage) return null;
      const image = await em.findOne(CharacterImage, { id: m[1]!, status: CharacterImageStatus.READY });
      if (!image?.storageKey || !image.contentType || extensionOf(image.contentType) !== m[2]) return null;
      const bytes = await options.storage.get(image.storageKey);
      return bytes ? { id: image.id, bytes, contentType: image.contentType } : null;
    },
  };
}
export type CharacterImageService = ReturnType<typeof createCharacterImageService>;
