import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124818_blocks extends Migration {

  override name = 'Migration20261125124818_blocks';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."user_block" ("id" uuid not null, "blocker_id" uuid not null, "blocked_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "user_block_blocked_id_index" on "users"."user_block" ("blocked_id");`);
    this.addSql(`alter table "users"."user_block" add constraint "user_block_blocker_id_blocked_id_unique" unique ("blocker_id", "blocked_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."user_block" cascade;`);
  }

}
