import type { Customer, OwnedItem, Segment, Settings } from '../types';
import { dayNumber } from '../util/dates';

/**
 * R6: the shopper's RFM-style segment. `today` is `YYYY-MM-DD`, passed in (no clock here).
 * Unknown is not zero: a missing `orders` or `spent` is NaN here, so it never counts towards
 * vip (NaN compares false).
 */
export function segmentOf(customer: Customer, owned: OwnedItem[], settings: Settings, today: string): Segment {
  const { orders = NaN, spent = NaN } = customer;
  const lastOrder = dayNumber(customer.lastOrder);
  // R6 `new`: no sign of any past order. Owning something means having ordered, and so does
  // a known spend or last-order date even when the order count itself is unknown.
  if (!(orders > 0 || owned.length > 0 || spent > 0 || !isNaN(lastOrder))) return 'new';
  // Precedence vip before lapsed: vip is earned by lifetime value, which a long pause does
  // not undo, and vip-only links (perks, top tiers) are the best way to win such a shopper back.
  if (orders >= settings.vipOrders || spent >= settings.vipSpend) return 'vip';
  // "Older than lapsedDays": exactly lapsedDays ago is still returning. Invalid dates give NaN → not lapsed.
  return dayNumber(today) - lastOrder > settings.lapsedDays ? 'lapsed' : 'returning';
}
