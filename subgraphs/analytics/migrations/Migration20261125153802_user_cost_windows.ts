import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153802_user_cost_windows extends Migration {

  override name = 'Migration20261125153802_user_cost_windows';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."llm_cost_user_window" ("month" date not null, "user_id" varchar(64) not null, "active_days" varbit not null, "cost_to_day" bigint[] not null, primary key ("month", "user_id"));`);
    // backfill from the per-user daily rollup: every three-month window (starting each of the two months before a
    // user's active day and that day's month) with the user's running cost and active days
    this.addSql(`insert into "analytics"."llm_cost_user_window" ("month", "user_id", "active_days", "cost_to_day")
      select w.month, w.user_id, a.bits::varbit, a.cum
        from (select distinct (date_trunc('month', day) - make_interval(months => k))::date as month, user_id
                from "analytics"."llm_cost_user_daily" cross join generate_series(0, 2) k) w
        cross join lateral (
          select string_agg(x.bit, '' order by x.i) as bits, array_agg(x.cost order by x.i) as cum
            from (select s.i, case when d.day is null then '0' else '1' end as bit, sum(coalesce(d.cost_micros, 0)) over (order by s.i) as cost
                    from generate_series(1, (w.month + interval '3 months')::date - w.month) s(i)
                    left join (select u.day, u.cost_micros from "analytics"."llm_cost_user_daily" u
                                where u.user_id = w.user_id and u.day >= w.month and u.day < (w.month + interval '3 months')::date) d
                      on d.day = w.month + s.i - 1) x
        ) a
       order by 1, 2;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."llm_cost_user_window" cascade;`);
  }

}
