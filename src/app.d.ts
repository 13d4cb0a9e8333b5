// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Correlation id of an unexpected error: shown to the person, logged with the stack. */
			id?: string;
			/** A form refused for being sent from another address: the page at the app's (ADR 0026). */
			address?: string;
		}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
