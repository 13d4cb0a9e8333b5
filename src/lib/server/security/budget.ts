/**
 * Budgets of tries per client (ADR 0023): at most `max` tries of one kind counted per client in
 * any window of `windowMs` (a sliding log of the tries' times). Checking and counting is one
 * step (`admit`), so that a burst of concurrent tries can never pass more than the budget; a try
 * that turns out valid is given back (`refund`). Two stores keep the counts behind one interface:
 * this process's memory (the embedded store, one process), and PostgreSQL when DATABASE_URL is
 * set, so that every instance on one database spends the same budget
 * (`storage/postgres-budgets.ts`). Both pass tests/integration/budget-contract.test.ts.
 */

/** One kind of try and its budget. */
export interface BudgetRule {
	/** Stable name, the key of the counts (e.g. `lookups`). */
	name: string;
	/** Tries allowed per client in any window. */
	max: number;
	windowMs: number;
}

/** An admitted try, as `refund` needs it to take that try back. */
export interface Ticket {
	/** When the try was counted, in the store's clock (ms since the epoch). */
	at: number;
}

export type Admission =
	| {
			admitted: true;
			/** Tries left in the window after this one. */
			remaining: number;
			/** Seconds until the oldest counted try leaves the window (a full budget's wait). */
			retryAfter: number;
			ticket: Ticket;
	  }
	| {
			admitted: false;
			/** Seconds until the oldest counted try leaves the window (at least 1). */
			retryAfter: number;
	  };

export interface BudgetStore {
	/**
	 * Counts one try of `client` if its budget has room, in one atomic step; otherwise counts
	 * nothing and says how long to wait.
	 */
	admit(rule: BudgetRule, client: string): Promise<Admission>;
	/** Takes back a try that `admit` counted (it turned out valid, or was never carried out). */
	refund(rule: BudgetRule, client: string, ticket: Ticket): Promise<void>;
	/** Forgets clients whose tries have all left their window; returns how many. */
	prune(): Promise<number>;
}

/** Seconds until `oldest` leaves a window of `windowMs` at `now`: at least 1. */
export function secondsUntil(oldest: number, windowMs: number, now: number): number {
	return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
}

/** Clients kept at most: addresses are many under a spray of them; the oldest are dropped. */
const MAX_CLIENTS = 50_000;

/**
 * The counts in this process's memory. JavaScript runs one callback at a time, so each call is
 * atomic by itself. `now` is injectable for tests.
 */
export function memoryBudgetStore(now: () => number = Date.now): BudgetStore {
	const tries = new Map<string, { times: number[]; windowMs: number }>();
	const keyOf = (rule: BudgetRule, client: string) => `${rule.name}\u0000${client}`;
	return {
		async admit(rule, client) {
			const at = now();
			const key = keyOf(rule, client);
			const kept = (tries.get(key)?.times ?? []).filter((t) => t > at - rule.windowMs);
			if (kept.length >= rule.max) {
				tries.set(key, { times: kept, windowMs: rule.windowMs });
				return { admitted: false, retryAfter: secondsUntil(kept[0]!, rule.windowMs, at) };
			}
			kept.push(at);
			// Re-inserted: the map's order is the order of last use, for the cap below.
			tries.delete(key);
			tries.set(key, { times: kept, windowMs: rule.windowMs });
			if (tries.size > MAX_CLIENTS) tries.delete(tries.keys().next().value!);
			return {
				admitted: true,
				remaining: rule.max - kept.length,
				retryAfter: secondsUntil(kept[0]!, rule.windowMs, at),
				ticket: { at }
			};
		},
		async refund(rule, client, ticket) {
			const entry = tries.get(keyOf(rule, client));
			const i = entry ? entry.times.indexOf(ticket.at) : -1;
			if (i >= 0) entry!.times.splice(i, 1);
		},
		async prune() {
			const at = now();
			let removed = 0;
			for (const [key, entry] of tries) {
				if (entry.times.every((t) => t <= at - entry.windowMs)) {
					tries.delete(key);
					removed++;
				}
			}
			return removed;
		}
	};
}

let current: BudgetStore = memoryBudgetStore();

/** Makes `store` the one every budget uses; called once at start (PostgreSQL), and by tests. */
export function useBudgetStore(store: BudgetStore): void {
	current = store;
}

/** The budget store in use: this process's memory unless start-up chose PostgreSQL. */
export function budgetStore(): BudgetStore {
	return current;
}
