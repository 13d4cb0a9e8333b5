import { describe, expect, test } from 'vitest';
import { contactLink } from '$lib/format/contact';
import { readConfig } from '$lib/server/config';

describe('the accessibility contact', () => {
	test('ACCESSIBILITY_CONTACT first, else CONTROLLER_CONTACT, else none', () => {
		expect(
			readConfig({
				ACCESSIBILITY_CONTACT: ' a11y@of.example ',
				CONTROLLER_CONTACT: 'dpo@of.example'
			}).accessibilityContact
		).toBe('a11y@of.example');
		expect(readConfig({ CONTROLLER_CONTACT: 'dpo@of.example' }).accessibilityContact).toBe(
			'dpo@of.example'
		);
		expect(readConfig({ ACCESSIBILITY_CONTACT: '  ' }).accessibilityContact).toBeNull();
		expect(readConfig({}).controller.name).toBeNull();
		expect(readConfig({ CONTROLLER_NAME: 'CFA Horizon' }).controller.name).toBe('CFA Horizon');
	});

	test('an e-mail address or a web address becomes a link, anything else stays text', () => {
		expect(contactLink('accessibilite@of.example')).toEqual({
			text: 'accessibilite@of.example',
			href: 'mailto:accessibilite@of.example'
		});
		expect(contactLink('https://of.example/contact')).toEqual({
			text: 'https://of.example/contact',
			href: 'https://of.example/contact'
		});
		for (const text of ['03 00 00 00 00', 'javascript:alert(1)', 'a b@c.d', 'http://']) {
			expect(contactLink(text), text).toEqual({ text, href: null });
		}
	});
});
