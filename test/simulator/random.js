'use strict';
/**
 * Seeded pseudo-random numbers for the simulator's data (never Math.random): the same seed gives
 * the same records, byte for byte, on every machine.
 */

/** mulberry32: small, fast, good enough for test data. Returns a function giving [0, 1). */
function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		/** Integer in [min, max]. */
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (probability) => next() < probability,
		digits: (count) => {
			let text = '';
			for (let i = 0; i < count; i++) text += String(Math.floor(next() * 10));
			return text;
		},
	};
}

/** A 32-bit seed from a number and a string (e.g. the company code), so companies differ. */
function deriveSeed(seed, text) {
	let hash = (Number(seed) >>> 0) ^ 0x811c9dc5;
	for (const char of String(text)) {
		hash ^= char.codePointAt(0);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

module.exports = { createRandom, deriveSeed };
