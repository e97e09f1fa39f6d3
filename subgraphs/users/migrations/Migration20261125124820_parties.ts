import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124820_parties extends Migration {

  override name = 'Migration20261125124820_parties';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."party" ("id" uuid not null, "leader_id" uuid not null, "max_size" int not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "party_leader_id_index" on "users"."party" ("leader_id");`);

    this.addSql(`create table "users"."party_invite" ("id" uuid not null, "party_id" uuid not null, "inviter_id" uuid not null, "invitee_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "party_invite_inviter_id_index" on "users"."party_invite" ("inviter_id");`);
    this.addSql(`create index "party_invite_invitee_id_index" on "users"."party_invite" ("invitee_id");`);
    this.addSql(`alter table "users"."party_invite" add constraint "party_invite_party_id_invitee_id_unique" unique ("party_id", "invitee_id");`);

    this.addSql(`create table "users"."party_member" ("id" uuid not null, "party_id" uuid not null, "user_id" uuid not null, "joined_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "party_member_party_id_index" on "users"."party_member" ("party_id");`);
    this.addSql(`alter table "users"."party_member" add constraint "party_member_user_id_unique" unique ("user_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."party_member" cascade;`);
    this.addSql(`drop table if exists "users"."party_invite" cascade;`);
    this.addSql(`drop table if exists "users"."party" cascade;`);
  }

}
