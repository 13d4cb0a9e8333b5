/**
 * Limits failed lookups of private links, management links and participant codes per client
 * address, to make guessing them slow. Only failures count: a training room behind one address
 * opening its own links is never blocked.
 */

export interface LimiterOptions {
	/** Failures allowed per window. */
	max: number;
	windowMs: number;
	/** Clock, injectable for tests. */
	now?: () => number;
}

export class FailureLimiter {
	private readonly failures = new Map<string, number[]>();
	private readonly now: () => number;

	constructor(private readonly options: LimiterOptions) {
		this.now = options.now ?? Date.now;
	}

	private recent(key: string): number[] {
		const since = this.now() - this.options.windowMs;
		const list = (this.failures.get(key) ?? []).filter((t) => t > since);
		if (list.length > 0) this.failures.set(key, list);
		else this.failures.delete(key);
		return list;
	}

	/** Seconds to wait before the next lookup, or 0 when lookups are allowed. */
	retryAfter(key: string): number {
		const list = this.recent(key);
		if (list.length < this.options.max) return 0;
		return Math.max(1, Math.ceil((list[0]! + this.options.windowMs - this.now()) / 1000));
	}

	/** Records a failed lookup. */
	fail(key: string): void {
		const list = this.recent(key);
		list.push(this.now());
		this.failures.set(key, list);
		// Keys are addresses: keep memory bounded under a spray of them.
		if (this.failures.size > 50_000) this.failures.delete(this.failures.keys().next().value!);
	}
}
