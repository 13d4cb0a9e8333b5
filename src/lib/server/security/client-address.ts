/**
 * The client a budget counts against (ADR 0023). One person may spell their address several
 * ways, and an IPv6 host picks any address of its /64 at will, so budgets key on:
 * - an IPv4 address as is, and an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, any spelling) as
 *   that IPv4 address;
 * - an IPv6 address by its /64 network, in one canonical spelling (RFC 5952), zone id dropped;
 * - anything else (an odd proxy header value) as the trimmed text, cut to 100 characters.
 * ipaddr.js parses and prints (the parser express and proxy-addr use).
 */
import ipaddr from 'ipaddr.js';
import { log } from '../log';

/** The key of a client address for budgets. */
export function clientKey(address: string): string {
	const text = address.trim();
	let parsed: ipaddr.IPv4 | ipaddr.IPv6;
	try {
		// process(): an IPv4-mapped IPv6 address comes back as IPv4.
		parsed = ipaddr.process(text);
	} catch {
		return text.slice(0, 100);
	}
	if (parsed.kind() === 'ipv4') return parsed.toString();
	const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
	return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/** Headers a reverse proxy adds with the client's address. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

let warned = false;
let warnedAbsent = false;

/**
 * The key of requests whose address cannot be read (ADDRESS_HEADER set, the header absent):
 * they share one budget. Said once in the log.
 */
export function unknownClient(): string {
	if (!warnedAbsent) {
		warnedAbsent = true;
		log('warn', 'config.address_header_absent');
	}
	return '(no address)';
}

/**
 * Logs once per process, the first time a request carries a proxy's address header while
 * ADDRESS_HEADER is unset: every client then looks like the proxy, and shares one budget.
 * Neither the header's value nor any address is logged.
 */
export function warnIfProxyUnconfigured(headers: Headers, addressHeader: string | null): void {
	if (warned || addressHeader) return;
	const header = PROXY_HEADERS.find((h) => headers.has(h));
	if (!header) return;
	warned = true;
	log('warn', 'config.address_header_missing', { header });
}
