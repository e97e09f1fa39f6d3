/**
 * The fake Stripe account: the core objects (core.ts) plus Checkout, subscriptions and invoices, with the billing
 * arithmetic the tests rely on (customer balance, prorations rounded to the cent, metered usage billed in arrears).
 */
import { FakeStripeCore, addInterval, invalid, missing, mulDivRound, newId, type Obj } from './core.ts';

export { FakeStripeError, newId, invalid, missing, type Obj } from './core.ts';

const list = (data: Obj[], url: string) => ({ object: 'list', data, has_more: false, url });

export class FakeStripeAccount extends FakeStripeCore {
  private invoiceSeq = 0;

  /** Deleting a customer cancels its subscriptions, as Stripe does. */
  deleteCustomer(id: string): Obj {
    const c = this.get(id, 'customer', 'customer');
    for (const s of this.all('subscription')) if (s.customer === id && s.status !== 'canceled') this.cancelSubscription(s.id);
    c.deleted = true;
    this.emit('customer.deleted', c);
    return { id, object: 'customer', deleted: true };
  }

  // ---- checkout ---------------------------------------------------------------------------------------------

  createCheckoutSession(p: Obj): Obj {
    const mode = p.mode;
    if (!['payment', 'subscription', 'setup'].includes(mode)) throw invalid('Invalid mode: must be one of payment, setup, or subscription', 'mode');
    if (p.customer) this.get(p.customer, 'customer', 'customer');
    if (!p.success_url) throw invalid('You must provide a success_url.', 'success_url', 'parameter_missing');
    const items: Obj[] = (p.line_items ?? []).map((li: Obj, i: number) => {
      const quantity = li.quantity ?? 1;
      if (li.price) {
        const price = this.get(li.price, 'price', 'price');
        if (mode === 'payment' && price.recurring) throw invalid('You specified `payment` mode but passed a recurring price.', `line_items[${i}][price]`);
        return { price, quantity };
      }
      const pd = li.price_data;
      if (!pd?.currency || !Number.isInteger(pd.unit_amount) || pd.unit_amount < 0 || !pd.product_data?.name) {
        throw invalid('Invalid price_data: currency, unit_amount and product_data[name] are required.', `line_items[${i}][price_data]`);
      }
      const product = this.createProduct({ name: pd.product_data.name, metadata: pd.product_data.metadata, description: pd.product_data.description });
      return { price: this.createPrice({ currency: pd.currency, unit_amount: pd.unit_amount, product: product.id, recurring: pd.recurring }), quantity };
    });
    if (items.length === 0) throw invalid('line_items is required in payment and subscription mode.', 'line_items', 'parameter_missing');
    if (mode === 'subscription' && !items.some((i) => i.price.recurring)) throw invalid('You must provide at least one recurring price in `subscription` mode.', 'line_items');
    const currency = items[0]!.price.currency;
    const amount = items.reduce((s, i) => s + (i.price.recurring?.usage_type === 'metered' ? 0 : i.price.unit_amount * i.quantity), 0);
    const id = newId('cs_test');
    return this.put({
      id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amount,
      amount_total: amount,
      automatic_tax: { enabled: false, liability: null, status: null },
      billing_address_collection: null,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      client_secret: null,
      created: this.now(),
      currency,
      customer: p.customer ?? null,
      customer_creation: null,
      customer_details: null,
      customer_email: null,
      expires_at: p.expires_at ?? this.now() + 86_400,
      invoice: null,
      livemode: false,
      locale: null,
      metadata: p.metadata ?? {},
      mode,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: 'always',
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: p.success_url,
      ui_mode: 'hosted',
      url: `${this.baseUrl}/c/pay/${id}`,
      _items: items,
      _payment_intent_data: p.payment_intent_data ?? {},
      _subscription_data: p.subscription_data ?? {},
    });
  }

  /** The player pays (or is declined) on the hosted page. */
  completeCheckout(sessionId: string, options: { decline?: boolean } = {}): Obj {
    const s = this.get(sessionId, 'checkout session', 'checkout.session');
    if (s.status !== 'open') throw invalid(`Checkout session ${sessionId} is ${s.status}.`);
    if (s.mode === 'payment') {
      const pi = this.pay({
        amount: s.amount_total,
        currency: s.currency,
        customer: s.customer,
        metadata: s._payment_intent_data.metadata ?? {},
        description: s._payment_intent_data.description ?? null,
        decline: options.decline,
      });
      s.payment_intent = pi.id;
      if (options.decline) return s;
    } else {
      const sub = this.createSubscription({
        customer: s.customer,
        items: s._items.map((i: Obj) => ({ price: i.price.id, quantity: i.quantity })),
        metadata: s._subscription_data.metadata ?? {},
        decline: options.decline,
      });
      if (options.decline) return s;
      s.subscription = sub.id;
      s.invoice = sub.latest_invoice;
    }
    s.status = 'complete';
    s.payment_status = 'paid';
    this.emit('checkout.session.completed', s);
    return s;
  }

  expireCheckout(sessionId: string): Obj {
    const s = this.get(sessionId, 'checkout session', 'checkout.session');
    if (s.status !== 'open') throw invalid(`Only open sessions can be expired; this one is ${s.status}.`);
    s.status = 'expired';
    this.emit('checkout.session.expired', s);
    return s;
  }

  // ---- subscriptions and invoices -----------------------------------------------------------------------------

  private subscriptionItem(subId: string, price: Obj, quantity: number | undefined, start: number, end: number): Obj {
    return {
      id: newId('si'),
      object: 'subscription_item',
      created: this.now(),
      current_period_end: end,
      current_period_start: start,
      discounts: [],
      metadata: {},
      price,
      ...(price.recurring?.usage_type === 'metered' ? {} : { quantity: quantity ?? 1 }),
      subscription: subId,
      tax_rates: [],
    };
  }

  createSubscription(p: { customer: string; items: Obj[]; metadata?: Obj; collection_method?: string; days_until_due?: number; backdate_start_date?: number; decline?: boolean }): Obj {
    this.get(p.customer, 'customer', 'customer');
    if (!p.items?.length) throw invalid('Missing required param: items.', 'items', 'parameter_missing');
    const prices = p.items.map((i, n) => ({ price: this.get(i.price, 'price', 'price'), quantity: i.quantity, n }));
    for (const { price, n } of prices) if (!price.recurring) throw invalid('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', `items[${n}][price]`);
    const start = p.backdate_start_date ?? this.now();
    const interval = prices.find((x) => x.price.recurring.usage_type !== 'metered')?.price.recurring.interval ?? prices[0]!.price.recurring.interval;
    const end = addInterval(start, interval);
    const id = newId('sub');
    const sub = this.put({
      id,
      object: 'subscription',
      application: null,
      billing_cycle_anchor: start,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      collection_method: p.collection_method ?? 'charge_automatically',
      created: this.now(),
      currency: prices[0]!.price.currency,
      customer: p.customer,
      days_until_due: p.days_until_due ?? null,
      default_payment_method: null,
      description: null,
      discounts: [],
      ended_at: null,
      items: list(
        prices.map((x) => this.subscriptionItem(id, x.price, x.quantity, start, end)),
        `/v1/subscription_items?subscription=${id}`,
      ),
      latest_invoice: null as string | null,
      livemode: false,
      metadata: p.metadata ?? {},
      pending_update: null,
      schedule: null,
      start_date: start,
      status: 'incomplete',
      trial_end: null,
      trial_start: null,
    });
    const lines = sub.items.data
      .filter((i: Obj) => i.price.recurring.usage_type !== 'metered')
      .map((i: Obj) => this.line(sub, i, i.price.unit_amount * i.quantity, false, start, end, `${i.quantity} × ${this.productName(i.price)}`));
    const invoice = this.issueInvoice(sub, lines, 'subscription_create', { decline: p.decline });
    sub.status = invoice.status === 'paid' || sub.collection_method === 'send_invoice' ? 'active' : 'incomplete';
    this.emit('customer.subscription.created', sub);
    this.emitInvoice(invoice);
    return sub;
  }

  private productName(price: Obj): string {
    return (this.objects.get(price.product)?.name as string | undefined) ?? 'Product';
  }

  private line(sub: Obj, item: Obj, amount: number, proration: boolean, start: number, end: number, description: string, quantity?: number): Obj {
    return {
      id: newId('il'),
      object: 'line_item',
      amount,
      currency: sub.currency,
      description,
      discount_amounts: [],
      discountable: !proration,
      discounts: [],
      invoice: null,
      livemode: false,
      metadata: {},
      parent: {
        invoice_item_details: null,
        subscription_item_details: { invoice_item: null, proration, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id },
        type: 'subscription_item_details',
      },
      period: { end, start },
      pricing: { price_details: { price: item.price.id, product: item.price.product }, type: 'price_details', unit_amount_decimal: String(item.price.unit_amount) },
      quantity: quantity ?? item.quantity ?? 1,
      subscription: sub.id,
      taxes: [],
    };
  }

  /** Finalises an invoice: customer balance applied, then paid by card (or left open for send_invoice). */
  private issueInvoice(sub: Obj, lines: Obj[], reason: string, options: { decline?: boolean; preview?: boolean; at?: number } = {}): Obj {
    const at = options.at ?? this.now();
    const customer = this.get(sub.customer, 'customer', 'customer');
    const pending = options.preview ? [] : (this.pendingItems.get(customer.id) ?? []);
    if (!options.preview) this.pendingItems.delete(customer.id);
    const all = [...pending, ...lines];
    const total = all.reduce((s, l) => s + l.amount, 0);
    const starting = customer.balance;
    let balance = starting;
    let due = total;
    if (total < 0) {
      balance += total;
      due = 0;
    } else {
      const applied = Math.min(total, Math.max(0, -balance));
      balance += applied;
      due = total - applied;
    }
    const id = options.preview ? `upcoming_${newId('in')}` : newId('in');
    for (const l of all) l.invoice = id;
    const inv: Obj = {
      id,
      object: 'invoice',
      account_country: 'US',
      account_name: 'Startales (fake)',
      amount_due: due,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: due,
      amount_shipping: 0,
      attempt_count: 0,
      attempted: false,
      auto_advance: sub.collection_method === 'charge_automatically',
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      billing_reason: reason,
      collection_method: sub.collection_method,
      created: at,
      currency: sub.currency,
      customer: customer.id,
      customer_email: customer.email,
      default_payment_method: null,
      description: null,
      discounts: [],
      due_date: sub.collection_method === 'send_invoice' ? at + (sub.days_until_due ?? 30) * 86_400 : null,
      effective_at: at,
      ending_balance: balance,
      hosted_invoice_url: options.preview ? null : `${this.baseUrl}/i/${id}`,
      invoice_pdf: options.preview ? null : `${this.baseUrl}/i/${id}/pdf`,
      lines: list(all, `/v1/invoices/${id}/lines`),
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number: options.preview ? null : `${customer.invoice_prefix}-${String(++this.invoiceSeq).padStart(4, '0')}`,
      parent: { quote_details: null, subscription_details: { metadata: sub.metadata, subscription: sub.id }, type: 'subscription_details' },
      period_end: Math.max(...all.map((l) => l.period.end), at),
      period_start: Math.min(...all.map((l) => l.period.start), at),
      starting_balance: starting,
      status: 'draft',
      status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: total,
      total,
      _payments: [] as Obj[],
    };
    if (options.preview) return inv;
    customer.balance = balance;
    this.put(inv);
    sub.latest_invoice = id;
    inv.status = 'open';
    inv.status_transitions.finalized_at = at;
    if (due === 0) this.markPaid(inv, undefined, at);
    else if (sub.collection_method === 'charge_automatically') this.chargeInvoice(inv, options.decline, at);
    return inv;
  }

  private markPaid(inv: Obj, pi?: Obj, at = this.now()): void {
    inv.status = 'paid';
    inv.amount_paid = inv.amount_due;
    inv.amount_remaining = 0;
    inv.status_transitions.paid_at = at;
    if (pi) {
      inv._payments.push({
        id: newId('inpay'),
        object: 'invoice_payment',
        amount_paid: pi.amount_received,
        amount_requested: pi.amount,
        created: this.now(),
        currency: inv.currency,
        invoice: inv.id,
        is_default: true,
        livemode: false,
        payment: { type: 'payment_intent', payment_intent: pi.id },
        status: 'paid',
        status_transitions: { canceled_at: null, paid_at: this.now() },
      });
    }
  }

  private chargeInvoice(inv: Obj, decline?: boolean, at?: number): void {
    inv.attempted = true;
    inv.attempt_count += 1;
    const pi = this.pay({ amount: inv.amount_due, currency: inv.currency, customer: inv.customer, description: `Invoice ${inv.number}`, decline });
    if (pi.status === 'succeeded') this.markPaid(inv, pi, at);
  }

  private emitInvoice(inv: Obj): void {
    this.emit('invoice.created', inv);
    this.emit('invoice.finalized', inv);
    if (inv.status === 'paid') {
      this.emit('invoice.paid', inv);
      this.emit('invoice.payment_succeeded', inv);
    } else if (inv.attempted) {
      this.emit('invoice.payment_failed', inv);
    }
  }

  /** The invoice with `payments` included when asked to expand it (Stripe's includable field). */
  invoiceView(inv: Obj, expand: string[]): Obj {
    const { _payments, ...rest } = inv;
    return expand.includes('payments') ? { ...rest, payments: list(_payments, `/v1/invoice_payments?invoice=${inv.id}`) } : rest;
  }

  /** Pays an open send_invoice invoice (the customer paid the hosted page). */
  payInvoice(id: string): Obj {
    const inv = this.get(id, 'invoice', 'invoice');
    if (inv.status !== 'open') throw invalid(`Invoice is already ${inv.status}.`);
    this.chargeInvoice(inv);
    this.emit(inv.status === 'paid' ? 'invoice.paid' : 'invoice.payment_failed', inv);
    return inv;
  }

  /**
   * What an item change does, Stripe-style: same interval, each changed licensed item gets a credit for its unused time
   * and a charge for the remaining time at the new price (rounded to the cent); an interval change restarts the cycle
   * at `t` and bills the new items for a whole period.
   */
  private planChange(sub: Obj, changes: Obj[], t: number) {
    const items: Obj[] = sub.items.data.map((i: Obj) => ({ ...i }));
    const removed: Obj[] = [];
    const added: Obj[] = [];
    for (const [n, c] of changes.entries()) {
      if (c.id) {
        const at = items.findIndex((i) => i.id === c.id);
        if (at < 0) throw missing('subscription item', c.id, `items[${n}][id]`);
        const old = items[at]!;
        if (c.deleted === true || c.deleted === 'true') {
          removed.push(old);
          items.splice(at, 1);
        } else if (c.price && c.price !== old.price.id) {
          const price = this.get(c.price, 'price', 'price');
          removed.push(old);
          const next = { ...old, price, quantity: c.quantity ?? old.quantity };
          items[at] = next;
          added.push(next);
        } else if (c.quantity !== undefined) {
          old.quantity = c.quantity;
        }
      } else if (c.price) {
        const price = this.get(c.price, 'price', 'price');
        const item = this.subscriptionItem(sub.id, price, c.quantity, 0, 0);
        items.push(item);
        added.push(item);
      }
    }
    const licensed = (i: Obj) => i.price.recurring.usage_type !== 'metered';
    const start = sub.items.data[0]?.current_period_start ?? t;
    const end = sub.items.data[0]?.current_period_end ?? t;
    const oldInterval = sub.items.data.find(licensed)?.price.recurring.interval;
    const newInterval = items.find(licensed)?.price.recurring.interval ?? oldInterval;
    const intervalChanged = oldInterval !== newInterval;
    const newStart = intervalChanged ? t : start;
    const newEnd = intervalChanged ? addInterval(t, newInterval) : end;
    const date = new Date(t * 1000).toISOString().slice(0, 10);
    const lines: Obj[] = [];
    for (const old of removed.filter(licensed)) {
      const amount = mulDivRound(old.price.unit_amount * (old.quantity ?? 1), end - t, end - start);
      if (amount) lines.push(this.line(sub, old, -amount, true, t, end, `Unused time on ${this.productName(old.price)} after ${date}`));
    }
    for (const item of intervalChanged ? items.filter(licensed) : added.filter(licensed)) {
      const full = item.price.unit_amount * (item.quantity ?? 1);
      if (intervalChanged) lines.push(this.line(sub, item, full, false, newStart, newEnd, `${item.quantity ?? 1} × ${this.productName(item.price)}`));
      else {
        const amount = mulDivRound(full, end - t, end - start);
        if (amount) lines.push(this.line(sub, item, amount, true, t, end, `Remaining time on ${this.productName(item.price)} after ${date}`));
      }
    }
    for (const i of items) {
      i.current_period_start = newStart;
      i.current_period_end = newEnd;
    }
    return { items, lines, newStart, newEnd, intervalChanged };
  }

  updateSubscription(id: string, p: Obj): Obj {
    const sub = this.get(id, 'subscription', 'subscription');
    if (sub.status === 'canceled') throw invalid('A canceled subscription can only update its cancellation_details and metadata.');
    const previous: Obj = {};
    if (p.metadata) {
      previous.metadata = sub.metadata;
      sub.metadata = { ...sub.metadata, ...p.metadata };
    }
    if (p.cancel_at_period_end !== undefined) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      sub.cancel_at_period_end = p.cancel_at_period_end === true || p.cancel_at_period_end === 'true';
      sub.cancel_at = sub.cancel_at_period_end ? sub.items.data[0].current_period_end : null;
    }
    let invoice: Obj | null = null;
    if (p.items?.length) {
      const t = p.proration_date ?? this.now();
      const change = this.planChange(sub, p.items, t);
      previous.items = sub.items;
      sub.items = list(change.items, sub.items.url);
      const behavior = p.proration_behavior ?? 'create_prorations';
      if (behavior === 'always_invoice' || change.intervalChanged) {
        invoice = this.issueInvoice(sub, change.lines, 'subscription_update');
      } else if (behavior === 'create_prorations') {
        this.pendingItems.set(sub.customer, [...(this.pendingItems.get(sub.customer) ?? []), ...change.lines]);
      }
    }
    this.emit('customer.subscription.updated', sub, previous);
    if (invoice) this.emitInvoice(invoice);
    return sub;
  }

  /** `POST /v1/invoices/create_preview` for a subscription change: the invoice the change would issue, not issued. */
  previewInvoice(p: Obj): Obj {
    const sub = this.get(p.subscription, 'subscription', 'subscription');
    if (p.customer && p.customer !== sub.customer) throw invalid('The subscription does not belong to this customer.', 'customer');
    const details = p.subscription_details ?? {};
    const copy = structuredClone(sub);
    const t = details.proration_date ?? this.now();
    const change = this.planChange(copy, details.items ?? [], t);
    const behavior = details.proration_behavior ?? 'create_prorations';
    let lines = change.lines;
    if (behavior === 'none') lines = [];
    if (behavior === 'create_prorations' && !change.intervalChanged) {
      // the next regular invoice: pending prorations plus the next period at the new prices
      const next = change.items.filter((i: Obj) => i.price.recurring.usage_type !== 'metered');
      lines = [...lines, ...next.map((i: Obj) => this.line(copy, i, i.price.unit_amount * (i.quantity ?? 1), false, change.newEnd, addInterval(change.newEnd, i.price.recurring.interval), `${i.quantity ?? 1} × ${this.productName(i.price)}`))];
    }
    const inv = this.issueInvoice(copy, lines, 'subscription_update', { preview: true });
    if (details.proration_date) inv.parent.subscription_details.subscription_proration_date = details.proration_date;
    return inv;
  }

  cancelSubscription(id: string): Obj {
    const sub = this.get(id, 'subscription', 'subscription');
    if (sub.status === 'canceled') throw invalid(`No such subscription: '${id}'`, 'id', 'resource_missing');
    sub.status = 'canceled';
    sub.canceled_at = this.now();
    sub.ended_at = this.now();
    this.emit('customer.subscription.deleted', sub);
    return sub;
  }

  /** The period ends: the next one is billed (licensed in advance, metered usage of the period that ended in arrears). */
  renewSubscription(id: string, options: { decline?: boolean } = {}): Obj {
    const sub = this.get(id, 'subscription', 'subscription');
    if (sub.cancel_at_period_end) {
      this.setClock(sub.items.data[0].current_period_end);
      return this.cancelSubscription(id);
    }
    const lines: Obj[] = [];
    // Stripe bills the next period when the current one ends
    const boundary = sub.items.data[0].current_period_end;
    for (const item of sub.items.data) {
      const start = item.current_period_start;
      const end = item.current_period_end;
      const nextEnd = addInterval(end, item.price.recurring.interval);
      if (item.price.recurring.usage_type === 'metered') {
        const q = this.meterSum(item.price.recurring.meter, sub.customer, start, end);
        const tq = item.price.transform_quantity;
        const units = tq ? (tq.round === 'up' ? Math.ceil(q / tq.divide_by) : Math.floor(q / tq.divide_by)) : q;
        lines.push(this.line(sub, item, units * item.price.unit_amount, false, start, end, `${this.productName(item.price)} (usage)`, q));
      } else {
        lines.push(this.line(sub, item, item.price.unit_amount * (item.quantity ?? 1), false, end, nextEnd, `${item.quantity ?? 1} × ${this.productName(item.price)}`));
      }
      item.current_period_start = end;
      item.current_period_end = nextEnd;
    }
    const inv = this.issueInvoice(sub, lines, 'subscription_cycle', { ...options, at: boundary });
    if (inv.status !== 'paid' && sub.collection_method === 'charge_automatically') sub.status = 'past_due';
    this.emit('customer.subscription.updated', sub);
    this.emitInvoice(inv);
    return inv;
  }
}
