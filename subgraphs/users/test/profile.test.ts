/** Profiles, preferences, privacy and handle changes, in process on a real database and NATS namespace. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signAccessToken } from '@startales/testing';
import { befriend, code, createHarness, eventually, field, type Harness } from './social/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.cleanup());

const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl bio } }`;
const UPDATE_PREFS = `mutation ($input: UpdatePreferencesInput!) {
  updatePreferences(input: $input) { preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } } }
}`;
const UPDATE_PRIVACY = `mutation ($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { privacy { profileVisibility friendRequests } } }`;
const CHANGE_HANDLE = `mutation ($handle: String!) { changeHandle(handle: $handle) { id handle } }`;
const VIEW = `query ($id: ID!) { user(id: $id) { id handle displayName avatarUrl bio preferences { timezone } privacy { profileVisibility } friends { totalCount } } }`;

describe('updateProfile', () => {
  test('sets, keeps absent fields, and clears with null or blank', async () => {
    const a = await h.user();
    const set = await h.post(UPDATE_PROFILE, { input: { displayName: '  Ada   Lovelace ', avatarUrl: 'https://cdn.example.com/a.png', bio: 'Line one\r\nline two' } }, a.token);
    expect(set.errors).toBeUndefined();
    expect(set.data.updateProfile).toEqual({ id: a.id, displayName: 'Ada Lovelace', avatarUrl: 'https://cdn.example.com/a.png', bio: 'Line one\nline two' });

    const partial = await h.post(UPDATE_PROFILE, { input: { bio: 'Only the bio' } }, a.token);
    expect(partial.data.updateProfile).toMatchObject({ displayName: 'Ada Lovelace', bio: 'Only the bio' });

    const cleared = await h.post(UPDATE_PROFILE, { input: { displayName: null, bio: '   ' } }, a.token);
    expect(cleared.data.updateProfile).toMatchObject({ displayName: null, bio: null, avatarUrl: 'https://cdn.example.com/a.png' });
  });

  test('bad input: typed errors naming the field, nothing stored', async () => {
    const a = await h.user();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ avatarUrl: 'http://cdn.example.com/a.png' }, 'avatarUrl'],
      [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
      [{ avatarUrl: 'https://user:pw@cdn.example.com/a.png' }, 'avatarUrl'],
      [{ avatarUrl: 'https://localhost/a.png' }, 'avatarUrl'],
      [{ avatarUrl: 'https://10.0.0.1/a.png' }, 'avatarUrl'],
      [{ avatarUrl: `https://cdn.example.com/${'a'.repeat(2048)}` }, 'avatarUrl'],
      [{ avatarUrl: 'not a url' }, 'avatarUrl'],
      [{ displayName: 'x'.repeat(41) }, 'displayName'],
      [{ displayName: 'evil\u202Eeman' }, 'displayName'],
      [{ displayName: 'tab\tname\u0007' }, 'displayName'],
      [{ bio: 'b'.repeat(501) }, 'bio'],
      [{ bio: 'null\u0000byte' }, 'bio'],
    ];
    for (const [input, name] of cases) {
      const res = await h.post(UPDATE_PROFILE, { input }, a.token);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(field(res)).toBe(name);
    }
    // 40 emoji are 40 characters, not 80 UTF-16 units
    const emoji = await h.post(UPDATE_PROFILE, { input: { displayName: '🐉'.repeat(40), bio: 'é'.repeat(500) } }, a.token);
    expect(emoji.errors).toBeUndefined();
    expect(code(await h.post(UPDATE_PROFILE, { input: { bio: 'x' } }))).toBe('UNAUTHENTICATED');
  });
});

describe('updatePreferences', () => {
  test('validates and canonicalises time zone and language; notifications change one by one', async () => {
    const a = await h.user();
    const before = await h.post(`{ me { preferences { timezone language llmTier notifications { friendRequests productNews } } } }`, {}, a.token);
    expect(before.data.me.preferences).toEqual({ timezone: null, language: null, llmTier: null, notifications: { friendRequests: true, productNews: false } });

    const res = await h.post(
      UPDATE_PREFS,
      { input: { timezone: 'europe/berlin', language: 'PT-br', llmTier: 'PREMIUM', notifications: { productNews: true, partyInvites: false } } },
      a.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updatePreferences.preferences).toEqual({
      timezone: 'Europe/Berlin',
      language: 'pt-BR',
      llmTier: 'PREMIUM',
      notifications: { friendRequests: true, partyInvites: false, campaignUpdates: true, sessionReminders: true, productNews: true },
    });
    const cleared = await h.post(UPDATE_PREFS, { input: { llmTier: null, timezone: null } }, a.token);
    expect(cleared.data.updatePreferences.preferences).toMatchObject({ timezone: null, language: 'pt-BR', llmTier: null });
  });

  test('bad input: unknown zone, malformed language, null notifications, unknown tier', async () => {
    const a = await h.user();
    for (const [input, name] of [
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ timezone: 'CEST+2' }, 'timezone'],
      [{ language: 'en_US' }, 'language'],
      [{ language: 'x'.repeat(36) }, 'language'],
      [{ language: '' }, 'language'],
      [{ notifications: null }, 'notifications'],
      [{ notifications: { productNews: null } }, 'notifications.productNews'],
    ] as Array<[Record<string, unknown>, string]>) {
      const res = await h.post(UPDATE_PREFS, { input }, a.token);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(field(res)).toBe(name);
    }
    const tier = await h.post(UPDATE_PREFS, { input: { llmTier: 'ULTRA' } }, a.token);
    expect(tier.errors?.[0]?.message).toContain('LlmTier');
    expect(tier.data ?? null).toBeNull();
  });
});

describe('changeHandle', () => {
  test('changes it, publishes domain.users.handle_changed, allows a change of case', async () => {
    const a = await h.user();
    const next = `${a.handle}_x`;
    const res = await h.post(CHANGE_HANDLE, { handle: next }, a.token);
    expect(res.data.changeHandle).toEqual({ id: a.id, handle: next });
    const upper = await h.post(CHANGE_HANDLE, { handle: next.toUpperCase() }, a.token);
    expect(upper.data.changeHandle.handle).toBe(next.toUpperCase());
    const rows = await h.sql(`select handle, handle_key from users.user_account where id = ?`, [a.id]);
    expect(rows[0]).toEqual({ handle: next.toUpperCase(), handle_key: next.toLowerCase() });
    const events = await eventually(async () => {
      const all = (await h.events('users.handle_changed')).filter((e) => e.data.userId === a.id);
      return all.length === 2 ? all : null;
    });
    expect(events.map((e) => e.data)).toEqual([
      { userId: a.id, handle: next, previousHandle: a.handle },
      { userId: a.id, handle: next.toUpperCase(), previousHandle: next },
    ]);
  });

  test("someone else's handle in any case, reserved words and malformed handles are refused", async () => {
    const [a, b] = [await h.user(), await h.user()];
    const taken = await h.post(CHANGE_HANDLE, { handle: b.handle.toUpperCase() }, a.token);
    expect(code(taken)).toBe('HANDLE_TAKEN');
    expect(field(taken)).toBe('handle');
    expect(code(await h.post(CHANGE_HANDLE, { handle: 'Admin' }, a.token))).toBe('HANDLE_TAKEN');
    expect(code(await h.post(CHANGE_HANDLE, { handle: 'no spaces' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(CHANGE_HANDLE, { handle: 'ab' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(CHANGE_HANDLE, { handle: 'fine_handle' }))).toBe('UNAUTHENTICATED');
    const me = await h.post(`{ me { handle } }`, {}, a.token);
    expect(me.data.me.handle).toBe(a.handle);
  });

  test('two users racing for one handle: exactly one gets it', async () => {
    const [a, b] = [await h.user(), await h.user()];
    const wanted = `race_${Date.now().toString(36)}`;
    const results = await Promise.all([h.post(CHANGE_HANDLE, { handle: wanted }, a.token), h.post(CHANGE_HANDLE, { handle: wanted.toUpperCase() }, b.token)]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.map(code).filter(Boolean)).toEqual(['HANDLE_TAKEN']);
  });
});

describe('privacy', () => {
  test('PUBLIC / FRIENDS / PRIVATE hide details field by field; id and handle always show', async () => {
    const [owner, friend, stranger] = [await h.user(), await h.user(), await h.user()];
    await h.post(UPDATE_PROFILE, { input: { displayName: 'Owner', bio: 'hello', avatarUrl: 'https://img.example.com/o.png' } }, owner.token);
    await befriend(h, owner, friend);
    const view = async (viewer: { token: string }) => (await h.post(VIEW, { id: owner.id }, viewer.token)).data.user;

    // PUBLIC (default): details for everyone signed in; settings never for others
    expect(await view(stranger)).toEqual({
      id: owner.id,
      handle: owner.handle,
      displayName: 'Owner',
      avatarUrl: 'https://img.example.com/o.png',
      bio: 'hello',
      preferences: null,
      privacy: null,
      friends: { totalCount: 1 },
    });

    await h.post(UPDATE_PRIVACY, { input: { profileVisibility: 'FRIENDS' } }, owner.token);
    const hidden = { id: owner.id, handle: owner.handle, displayName: null, avatarUrl: null, bio: null, preferences: null, privacy: null, friends: null };
    expect(await view(stranger)).toEqual(hidden);
    expect(await view(friend)).toMatchObject({ displayName: 'Owner', bio: 'hello', friends: { totalCount: 1 }, privacy: null });

    await h.post(UPDATE_PRIVACY, { input: { profileVisibility: 'PRIVATE' } }, owner.token);
    expect(await view(friend)).toEqual(hidden);

    // the owner and admins see everything; moderators see the details they review, not the settings
    expect(await view(owner)).toMatchObject({ displayName: 'Owner', privacy: { profileVisibility: 'PRIVATE' }, preferences: { timezone: null } });
    const admin = await signAccessToken(h.env.keys, { userId: stranger.id, roles: ['admin'] });
    expect((await h.post(VIEW, { id: owner.id }, admin)).data.user).toMatchObject({ bio: 'hello', privacy: { profileVisibility: 'PRIVATE' } });
    const moderator = await signAccessToken(h.env.keys, { userId: stranger.id, roles: ['moderator'] });
    expect((await h.post(VIEW, { id: owner.id }, moderator)).data.user).toMatchObject({ bio: 'hello', privacy: null, preferences: null });
  });

  test('a user the owner blocks sees id and handle only, even on a PUBLIC profile', async () => {
    const [owner, other] = [await h.user(), await h.user()];
    await h.post(UPDATE_PROFILE, { input: { displayName: 'Visible' } }, owner.token);
    expect((await h.post(VIEW, { id: owner.id }, other.token)).data.user.displayName).toBe('Visible');
    await h.post(`mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: other.id }, owner.token);
    expect((await h.post(VIEW, { id: owner.id }, other.token)).data.user).toMatchObject({ handle: owner.handle, displayName: null, friends: null });
    // the blocker still sees the blocked user's public profile
    await h.post(UPDATE_PROFILE, { input: { displayName: 'Other' } }, other.token);
    expect((await h.post(VIEW, { id: other.id }, owner.token)).data.user.displayName).toBe('Other');
  });

  test('updatePrivacy refuses null values and needs a token', async () => {
    const a = await h.user();
    const res = await h.post(UPDATE_PRIVACY, { input: { profileVisibility: null } }, a.token);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(field(res)).toBe('profileVisibility');
    // enum values are checked by GraphQL itself (variable coercion: an error, never a 500)
    const unknown = await h.post(UPDATE_PRIVACY, { input: { friendRequests: 'SOMETIMES' } }, a.token);
    expect(unknown.errors?.[0]?.message).toContain('FriendRequestPolicy');
    expect(unknown.data ?? null).toBeNull();
    expect(code(await h.post(UPDATE_PRIVACY, { input: { friendRequests: 'NOBODY' } }))).toBe('UNAUTHENTICATED');
  });
});
