/**
 * Retry waits without waiting (a jest setup file, so it holds for every test file): the
 * transport's retry loop sleeps through `retryClock` (transport/retry.ts), which is swapped here
 * for one that records each wait and returns at once. The waits the node asks for are still
 * computed by the node's own policy and can be asserted with `retryWaits()`; only the time is not
 * spent; the transport's clock (`retryClock.now`: a request's deadline, the pacer) counts them as
 * time that passed. The pacer's wait for a Retry-After that holds the key (`retryAfterHold` in
 * transport/rateLimit.ts: other requests of the key, and the retried one when its own wait was
 * skipped) returns at once too, and is not recorded: it is no retry. A test against a server whose
 * limit is measured in real time (the simulator's rate limit) calls `spendRetryWaitsForReal()`.
 */
import { retryAfterHold } from '../../nodes/Moment/transport/rateLimit';
import { retryClock } from '../../nodes/Moment/transport/retry';

const realSleep = retryClock.sleep;
const realNow = retryClock.now;
const realHold = retryAfterHold.sleep;
const waits: number[] = [];
/** Waits skipped so far, in every test of the file: the clock never goes back. */
let skipped = 0;
let spendForReal = false;

/** Every retry wait (ms) the transport asked for in the current test, in order. */
export function retryWaits(): readonly number[] {
	return waits;
}

/** For the current test: retry waits take their real time. */
export function spendRetryWaitsForReal(): void {
	spendForReal = true;
}

beforeEach(() => {
	waits.length = 0;
	spendForReal = false;
	retryClock.sleep = async (ms: number) => {
		waits.push(ms);
		if (spendForReal) await realSleep(ms);
		else skipped += ms;
	};
	// the request's deadline and the pacer see a skipped wait as time that passed
	retryClock.now = () => realNow() + skipped;
	retryAfterHold.sleep = async (ms: number) => {
		if (spendForReal) await realHold(ms);
	};
});

afterAll(() => {
	retryClock.sleep = realSleep;
	retryClock.now = realNow;
	retryAfterHold.sleep = realHold;
});
