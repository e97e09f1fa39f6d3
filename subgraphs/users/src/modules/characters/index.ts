import { requireUser, InputError, NotFoundError, type RequestContext } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { UsersDeps, UsersModule } from '../types.ts';
import { forget } from '../social/memo.ts';
import { profileAccess, seesDetails, seesSettings } from '../profile/privacy.ts';
import { CharacterImage } from './entities/character-image.entity.ts';
import { createCharacterImageService, type CharacterImageService } from './service.ts';
import { createCharactersGdpr } from './gdpr.ts';
import type { GenerateCharacterImageInput } from './model.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const DEFAULT_PER_DAY = 10;
const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4001';

/** The portrait service for a users app (one per app: the HTTP media route uses the same). */
export function characterImageServiceFor(deps: UsersDeps): CharacterImageService {
  return createCharacterImageService({
    router: deps.characterRouter,
    storage: deps.storage,
    mediaBaseUrl: deps.mediaPublicUrl ?? deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    perDay: deps.characterImagesPerDay ?? DEFAULT_PER_DAY,
    clock: deps.clock ?? Date.now,
    logger: deps.logger,
  });
}

/**
 * Character portraits: a player describes their character; the description is moderated, the portrait drawn and
 * moderated through llm-router (attributed to the player, metered by the router), stored in object storage and
 * served at an unguessable URL (`GET /media/characters/<id>.<ext>`, see app.ts).
 */
export const charactersModule: UsersModule = {
  name: 'characters',
  typeDefs,
  entities: [CharacterImage],
  createGdpr: (deps) => createCharactersGdpr({ storage: deps.storage, mediaBaseUrl: deps.mediaPublicUrl ?? DEFAULT_PUBLIC_URL }),
  createResolvers: ({ deps }) => {
    const service = characterImageServiceFor(deps);
    const account = async (ctx: RequestContext, userId: string) => {
      forget(ctx);
      const user = await ctx.em.findOne(User, { id: userId });
      if (!user) throw new NotFoundError('Your account no longer exists');
      return user;
    };
    return {
      CharacterImage: {
        url: (image: CharacterImage) => service.urlOf(image),
      },
      User: {
        characterImage: async (user: User, _: unknown, ctx: RequestContext) =>
          seesDetails(await profileAccess(ctx, user.id)) ? service.current(ctx.em, user.id) : null,
        characterImages: async (user: User, args: { first?: number | null }, ctx: RequestContext) => {
          if (!seesSettings(await profileAccess(ctx, user.id))) return null;
          const first = args.first ?? 20;
          if (!Number.isInteger(first) || first < 1 || first > 50) throw new InputError('first must be 1–50', 'first');
          return service.list(ctx.em, user.id, first);
        },
      },
      Mutation: {
        generateCharacterImage: (_: unknown, args: { input: GenerateCharacterImageInput }, ctx: RequestContext) =>
          service.generate(ctx.em, requireUser(ctx.auth).userId, args.input),
        setCharacterImage: async (_: unknown, args: { id?: string | null }, ctx: RequestContext) => {
          const { userId } = requireUser(ctx.auth);
          await service.select(ctx.em, userId, args.id ?? null);
          return account(ctx, userId);
        },
        removeCharacterImage: (_: unknown, args: { id: string }, ctx: RequestContext) => service.remove(ctx.em, requireUser(ctx.auth).userId, args.id),
      },
    };
  },
};
