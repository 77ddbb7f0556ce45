import type { Customer, OwnedItem, Segment, Settings } from '../types';
import { dayNumber, daysBetween } from './dates';

/**
 * R6: the shopper's RFM-style segment. `today` is `YYYY-MM-DD`, passed in (no clock here).
 * Unknown is not zero: a missing `orders` or `spent` never counts towards vip.
 */
export function segmentOf(
  customer: Customer,
  owned: OwnedItem[],
  settings: Settings,
  today: string,
): Segment {
  const { orders, spent, lastOrder } = customer;
  // R6 `new`: no sign of any past order. Owning something means having ordered, and so does
  // a known spend or last-order date even when the order count itself is unknown.
  const hasOrdered =
    (orders ?? 0) > 0 || owned.length > 0 || (spent ?? 0) > 0 || !Number.isNaN(dayNumber(lastOrder));
  if (!hasOrdered) return 'new';
  // Precedence vip before lapsed: vip is earned by lifetime value, which a long pause does
  // not undo, and vip-only links (perks, top tiers) are the best way to win such a shopper back.
  if ((orders !== undefined && orders >= settings.vipOrders) || (spent !== undefined && spent >= settings.vipSpend)) {
    return 'vip';
  }
  // "Older than lapsedDays": exactly lapsedDays ago is still returning. Invalid dates give NaN → not lapsed.
  if (daysBetween(lastOrder, today) > settings.lapsedDays) return 'lapsed';
  return 'returning';
}
