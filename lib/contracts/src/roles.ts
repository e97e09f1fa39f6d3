/** Platform roles carried in the access token's `roles` claim. */
export const Role = {
  PLAYER: 'player',
  MODERATOR: 'moderator',
  ADMIN: 'admin',
  FINANCE: 'finance',
  PARTNER: 'partner',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
