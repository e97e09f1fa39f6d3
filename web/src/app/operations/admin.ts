import { graphql } from '../gql/index.ts';

export const PlatformStatsDocument = graphql(`
  query PlatformStats { platformStats { users campaigns } }
`);

export const ModerationQueueDocument = graphql(`
  query ModerationQueue($filter: ModerationQueueFilter, $after: String) {
    moderationQueue(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt
          user { id handle }
          assignee { id handle }
        }
      }
    }
  }
`);

export const ModerationCaseDocument = graphql(`
  query ModerationCase($id: ID!) {
    moderationCase(id: $id) {
      id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt updatedAt closedAt resolution
      user { id handle displayName }
      campaign { id title }
      assignee { id handle }
      closedBy { id handle }
      content { id kind text occurredAt hidden author { id handle } }
      reports { id reason details status createdAt reporter { id handle } evidence { capturedAt sequence items { id kind text occurredAt author { handle } } } }
      flags { id source category score hid createdAt }
      notes { id body createdAt author { id handle } }
      actions { id type policy statement startsAt expiresAt active createdAt moderator { id handle } }
    }
  }
`);

export const TakeModerationActionDocument = graphql(`
  mutation TakeModerationAction($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id type active expiresAt } }
`);

export const AssignCaseDocument = graphql(`
  mutation AssignCase($id: ID!) { assignModerationCase(id: $id) { id assignee { id handle } } }
`);

export const DismissCaseDocument = graphql(`
  mutation DismissCase($id: ID!, $reason: String!) { dismissModerationCase(id: $id, reason: $reason) { id status } }
`);

export const AddCaseNoteDocument = graphql(`
  mutation AddCaseNote($caseId: ID!, $body: String!) { addModerationCaseNote(caseId: $caseId, body: $body) { id } }
`);

export const SetCaseTierDocument = graphql(`
  mutation SetCaseTier($id: ID!, $tier: ModerationTier!, $reason: String!) { setModerationCaseTier(id: $id, tier: $tier, reason: $reason) { id tier } }
`);

export const AdminUserDocument = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id handle email emailVerified roles createdAt mfaEnabled displayName
      strikes { active total nextDecayAt nextPenalty { atStrikes type durationMinutes } }
      moderationActions(first: 25) { edges { node { id type policy statement active startsAt expiresAt createdAt moderator { handle } } } }
      reports { id reason status createdAt reporter { handle } }
    }
  }
`);

export const SetUserRolesDocument = graphql(`
  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles } }
`);

export const ModerationAuditLogDocument = graphql(`
  query ModerationAuditLog($filter: ModerationAuditFilter, $after: String) {
    moderationAuditLog(filter: $filter, first: 25, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id action actor actorUser { handle } targetType targetId before after createdAt } }
    }
  }
`);

export const AccountAuditLogDocument = graphql(`
  query AccountAuditLog($targetUserId: ID, $after: String) {
    accountAuditLog(first: 25, after: $after, targetUserId: $targetUserId) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id action actor actorUser { handle } targetType targetId targetUser { handle } before after createdAt } }
    }
  }
`);

export const ModerationAppealsDocument = graphql(`
  query ModerationAppeals {
    moderationAppeals(first: 25) {
      totalCount
      edges { node { id statement status createdAt action { id type policy statement user { id handle } } } }
    }
  }
`);

export const DecideAppealDocument = graphql(`
  mutation DecideAppeal($id: ID!, $decision: ModerationAppealDecision!, $note: String!) { decideModerationAppeal(id: $id, decision: $decision, note: $note) { id status } }
`);
