package dev.trafficwizard.security;

import java.util.function.LongSupplier;

/**
 * How many refusals of anonymous requests reach the audit log: at most {@code perWindow} lines per
 * window (a minute), the rest counted and summed up in one line when the next window opens. Two
 * counters, whatever the flood: bounded memory.
 */
final class AnonymousRefusals {

    private final int perWindow;
    private final long windowMillis;
    private final LongSupplier clock;
    private long windowStart = Long.MIN_VALUE;
    private int written;
    private long suppressed;

    AnonymousRefusals(int perWindow, long windowMillis) {
        this(perWindow, windowMillis, System::currentTimeMillis);
    }

    AnonymousRefusals(int perWindow, long windowMillis, LongSupplier clock) {
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /**
     * One more anonymous refusal: -1 when its line is to be left out; otherwise how many were left
     * out before it (to be summed up first, 0 for none).
     */
    synchronized long admit() {
        long now = clock.getAsLong();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMillis || now < windowStart) {
            windowStart = now;
            written = 0;
        }
        if (written >= perWindow) {
            suppressed++;
            return -1;
        }
        written++;
        long before = suppressed;
        suppressed = 0;
        return before;
    }

    /** The refusals left out so far (then zero again). */
    synchronized long drain() {
        long before = suppressed;
        suppressed = 0;
        return before;
    }

    /** Forgets the current window and the count (tests). */
    synchronized void reset() {
        windowStart = Long.MIN_VALUE;
        written = 0;
        suppressed = 0;
    }
}
