import { Migration } from '@mikro-orm/migrations';

export class Migration20261125152528_audit_retention_floor extends Migration {

  override name = 'Migration20261125152528_audit_retention_floor';

  override up(): void | Promise<void> {
    // the append-only function stays (the hand-made TRUNCATE trigger uses it too): only its trigger loses DELETE
    this.addSql(`drop trigger if exists "moderation_audit_log_append_only" on "moderation"."moderation_audit_log";`);
    this.addSql(`create trigger "moderation_audit_log_append_only" BEFORE UPDATE on "moderation"."moderation_audit_log" for each STATEMENT execute function "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"();`);
    // DELETE only of entries older than 7 years: the retention job's, never anything else's
    this.addSql(`create or replace function "moderation"."moderation_audit_log_moderation_audit_log_retention_floor_fn"() returns trigger as \$\$ begin if old.created_at >= now() - interval '2557 days' then raise exception 'moderation_audit_log is append-only (entries are kept 2557 days)' using errcode = '42501'; end if; return old; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "moderation_audit_log_retention_floor" BEFORE DELETE on "moderation"."moderation_audit_log" for each ROW execute function "moderation"."moderation_audit_log_moderation_audit_log_retention_floor_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "moderation_audit_log_retention_floor" on "moderation"."moderation_audit_log";`);
    this.addSql(`drop function if exists "moderation"."moderation_audit_log_moderation_audit_log_retention_floor_fn"();`);
    this.addSql(`drop trigger if exists "moderation_audit_log_append_only" on "moderation"."moderation_audit_log";`);
    this.addSql(`create trigger "moderation_audit_log_append_only" BEFORE DELETE OR UPDATE on "moderation"."moderation_audit_log" for each STATEMENT execute function "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"();`);
  }

}
