import { Migration } from '@mikro-orm/migrations';

export class Migration20261125133738_documents extends Migration {

  override name = 'Migration20261125133738_documents';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."trusted_document" ("id" uuid not null, "owner_id" uuid not null, "hash" varchar(64) not null, "name" varchar(120) null, "body" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "trusted_document_owner_id_index" on "users"."trusted_document" ("owner_id");`);
    this.addSql(`alter table "users"."trusted_document" add constraint "trusted_document_owner_id_hash_unique" unique ("owner_id", "hash");`);
  }

}
