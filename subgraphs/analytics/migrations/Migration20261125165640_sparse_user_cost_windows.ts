import { Migration } from '@mikro-orm/migrations';

export class Migration20261125165640_sparse_user_cost_windows extends Migration {

  override name = 'Migration20261125165640_sparse_user_cost_windows';

  override up(): void | Promise<void> {
    // the users' cost windows keep the running cost at their active days only (element k = the k-th day with a bit set)
    this.addSql(`alter table "analytics"."llm_cost_user_window" rename column "cost_to_day" to "running_costs";`);
    this.addSql(`update "analytics"."llm_cost_user_window"
      set "running_costs" = array(select "running_costs"[i] from generate_series(1, length("active_days")) i where get_bit("active_days", i - 1) = 1 order by i);`);
  }

  override down(): void | Promise<void> {
    // back to one running cost per day of the window (through day i: the element of the last active day up to it)
    this.addSql(`update "analytics"."llm_cost_user_window"
      set "running_costs" = array(select coalesce("running_costs"[bit_count(substring("active_days" from 1 for i))::int], 0) from generate_series(1, length("active_days")) i order by i);`);
    this.addSql(`alter table "analytics"."llm_cost_user_window" rename column "running_costs" to "cost_to_day";`);
  }

}
