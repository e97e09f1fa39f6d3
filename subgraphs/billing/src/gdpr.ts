import type { GdprHandlers } from '@startales/kit';

/** Billing holds no personal data yet (payments arrive with the billing issue); it still answers every request. */
export const billingGdpr: GdprHandlers = {
  async exportUser() {
    return {};
  },
  async eraseUser() {},
};
