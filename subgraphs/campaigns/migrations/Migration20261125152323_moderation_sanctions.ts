import { Migration } from '@mikro-orm/migrations';

export class Migration20261125152323_moderation_sanctions extends Migration {

  override name = 'Migration20261125152323_moderation_sanctions';

  override up(): void | Promise<void> {
    this.addSql(`create table "campaigns"."player_sanction" ("id" uuid not null, "user_id" uuid not null, "campaign_id" uuid null, "type" text not null, "policy" varchar(40) not null, "reason" text not null, "starts_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "received_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "player_sanction_user_id_campaign_id_index" on "campaigns"."player_sanction" ("user_id", "campaign_id");`);

    this.addSql(`alter table "campaigns"."registration" drop constraint "registration_status_check";`);
    this.addSql(`alter table "campaigns"."registration" add constraint "registration_status_check" check ("status" in ('WAITLISTED', 'HELD', 'PAID', 'LEFT', 'RELEASED', 'REFUNDED', 'CANCELLED', 'KICKED'));`);

    this.addSql(`alter table "campaigns"."player_sanction" add constraint "player_sanction_type_check" check ("type" in ('MUTE', 'KICK'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "campaigns"."player_sanction" cascade;`);

    this.addSql(`alter table "campaigns"."registration" drop constraint "registration_status_check";`);
    this.addSql(`alter table "campaigns"."registration" add constraint "registration_status_check" check ("status" in ('WAITLISTED', 'HELD', 'PAID', 'LEFT', 'RELEASED', 'REFUNDED', 'CANCELLED'));`);
  }

}
