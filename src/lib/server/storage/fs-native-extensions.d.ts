/** The part of fs-native-extensions (no types of its own) that the data-folder lock uses. */
declare module 'fs-native-extensions' {
	/**
	 * Takes a lock on an open file without waiting: exclusive unless `shared`; false when another
	 * open file description holds a conflicting one. On Linux an OFD lock (fcntl F_OFD_SETLK).
	 */
	export function tryLock(
		fd: number,
		offset?: number,
		length?: number,
		options?: { shared?: boolean }
	): boolean;
	export function unlock(fd: number, offset?: number, length?: number): void;
}
