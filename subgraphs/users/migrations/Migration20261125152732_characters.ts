import { Migration } from '@mikro-orm/migrations';

export class Migration20261125152732_characters extends Migration {

  override name = 'Migration20261125152732_characters';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."character_image" ("id" uuid not null, "user_id" uuid not null, "description" varchar(1000) not null, "status" varchar(16) not null, "rejected_stage" varchar(16) null, "categories" jsonb null, "error" varchar(500) null, "revised_prompt" text null, "model" varchar(120) null, "cost_micros" int null, "storage_key" varchar(300) null, "content_type" varchar(32) null, "byte_size" int null, "selected" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "character_image_user_id_created_at_index" on "users"."character_image" ("user_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."character_image" cascade;`);
  }

}
