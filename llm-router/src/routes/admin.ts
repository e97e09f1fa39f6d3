import { Elysia } from 'elysia';
import { RouterError, RouterErrorCode, badRequest } from '../errors.ts';
import { isObject, readJsonBody } from '../http/body.ts';
import type { Auth } from '../modules/auth/service.ts';
import type { KeyService } from '../modules/auth/keys.ts';
import { BUDGET_PERIODS, budgetKey, type BudgetKey, type BudgetPeriod, type BudgetService } from '../modules/budgets/service.ts';
import { json } from './sse.ts';

const requireAdmin = async (auth: Auth, request: Request) => {
  const caller = await auth.authenticate(request);
  if (caller.kind !== 'admin') throw new RouterError(RouterErrorCode.FORBIDDEN, 'This endpoint needs the admin token', 403);
};

/**
 * The admin API (admin token): budgets per user, campaign or tier, and per-user virtual keys.
 *   PUT/GET/DELETE /v1/budgets/{user|campaign|tier}/{id}   body { limitMicros, period: day|week|month|total }
 *   POST /v1/keys { userId, name?, rpm?, tpm? } → the key, once · GET /v1/keys?userId= · DELETE /v1/keys/{id}
 */
export function adminRoutes(deps: { auth: Auth; budgets: BudgetService; keys: KeyService; budgetChanged?: (key: BudgetKey) => void }) {
  const { auth, budgets, keys } = deps;
  return new Elysia({ name: '@startales/llm-router/admin' })
    .put(
      '/v1/budgets/:scope/:id',
      async ({ request, params }) => {
        await requireAdmin(auth, request);
        const key = budgetKey(params.scope, params.id);
        const { value } = await readJsonBody(request, 64 * 1024);
        const limit = value.limitMicros;
        if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) throw badRequest('"limitMicros" must be a non-negative integer (micro-dollars)', 'limitMicros');
        const period = value.period ?? 'month';
        if (!(BUDGET_PERIODS as readonly unknown[]).includes(period)) throw badRequest(`"period" must be one of ${BUDGET_PERIODS.join(', ')}`, 'period');
        const view = await budgets.put(key, limit, period as BudgetPeriod);
        deps.budgetChanged?.(key);
        return json(view, {});
      },
      { parse: 'none' },
    )
    .get('/v1/budgets/:scope/:id', async ({ request, params }) => {
      await requireAdmin(auth, request);
      const budget = await budgets.get(budgetKey(params.scope, params.id));
      if (!budget) throw new RouterError(RouterErrorCode.NOT_FOUND, `No ${params.scope} budget "${params.id}"`, 404);
      return json(budget, {});
    })
    .delete('/v1/budgets/:scope/:id', async ({ request, params }) => {
      await requireAdmin(auth, request);
      const key = budgetKey(params.scope, params.id);
      if (!(await budgets.remove(key))) throw new RouterError(RouterErrorCode.NOT_FOUND, `No ${params.scope} budget "${params.id}"`, 404);
      deps.budgetChanged?.(key);
      return new Response(null, { status: 204 });
    })
    .post(
      '/v1/keys',
      async ({ request }) => {
        await requireAdmin(auth, request);
        const { value } = await readJsonBody(request, 64 * 1024);
        if (!isObject(value)) throw badRequest('body must be a JSON object');
        return json(await keys.create(value), {}, 201);
      },
      { parse: 'none' },
    )
    .get('/v1/keys', async ({ request }) => {
      await requireAdmin(auth, request);
      const userId = new URL(request.url).searchParams.get('userId');
      return json({ object: 'list', data: await keys.list(userId) }, {});
    })
    .delete('/v1/keys/:id', async ({ request, params }) => {
      await requireAdmin(auth, request);
      return json(await keys.revoke(params.id), {});
    });
}
