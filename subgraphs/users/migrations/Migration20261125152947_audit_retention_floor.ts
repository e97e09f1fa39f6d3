import { Migration } from '@mikro-orm/migrations';

export class Migration20261125152947_audit_retention_floor extends Migration {

  override name = 'Migration20261125152947_audit_retention_floor';

  override up(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_log_append_only" on "users"."audit_log";`);
    this.addSql(`drop function if exists "users"."audit_log_audit_log_append_only_fn"();`);
    this.addSql(`create or replace function "users"."audit_log_audit_log_retention_floor_fn"() returns trigger as \$\$ begin if old.created_at >= now() - interval '2557 days' then raise exception 'audit_log is append-only (entries are kept 2557 days)' using errcode = '42501'; end if; return old; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_retention_floor" BEFORE DELETE on "users"."audit_log" for each ROW execute function "users"."audit_log_audit_log_retention_floor_fn"();`);
    this.addSql(`create or replace function "users"."audit_log_audit_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'audit_log is append-only' using errcode = '42501'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_append_only" BEFORE UPDATE on "users"."audit_log" for each STATEMENT execute function "users"."audit_log_audit_log_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_log_retention_floor" on "users"."audit_log";`);
    this.addSql(`drop function if exists "users"."audit_log_audit_log_retention_floor_fn"();`);
    this.addSql(`drop trigger if exists "audit_log_append_only" on "users"."audit_log";`);
    this.addSql(`create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "users"."audit_log" for each STATEMENT execute function "users"."audit_log_audit_log_append_only_fn"();`);
  }

}
