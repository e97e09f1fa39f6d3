import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124815_friends extends Migration {

  override name = 'Migration20261125124815_friends';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."friend_request" ("id" uuid not null, "from_id" uuid not null, "to_id" uuid not null, "pair_key" varchar(73) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "friend_request_from_id_index" on "users"."friend_request" ("from_id");`);
    this.addSql(`create index "friend_request_to_id_index" on "users"."friend_request" ("to_id");`);
    this.addSql(`alter table "users"."friend_request" add constraint "friend_request_pair_key_unique" unique ("pair_key");`);

    this.addSql(`create table "users"."friendship" ("id" uuid not null, "user_id" uuid not null, "friend_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "friendship_friend_id_index" on "users"."friendship" ("friend_id");`);
    this.addSql(`alter table "users"."friendship" add constraint "friendship_user_id_friend_id_unique" unique ("user_id", "friend_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."friendship" cascade;`);
    this.addSql(`drop table if exists "users"."friend_request" cascade;`);
  }

}
