package dev.trafficwizard.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A short cache of answers (verified logins, TokenReview answers) in which each key is computed
 * once however many requests ask for it at the same time: the first computes, the others wait for
 * its answer. The computation (BCrypt, a call to the API server) runs on the asking thread and
 * outside the cache's locks, so it never holds up other keys. A failed or null answer is not kept.
 */
final class SingleFlight<V> {

    /** An answer, and whether this request computed it (only that one is a counted attempt). */
    record Answer<V>(V value, boolean computedHere) {
    }

    private final AsyncCache<String, V> cache;

    SingleFlight(Duration ttl, int size, Clock clock) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).ticker(Tickers.of(clock))
                .buildAsync();
    }

    /** A finished answer, or null when there is none (an answer still being computed counts as none). */
    V known(String key) {
        CompletableFuture<V> future = cache.getIfPresent(key);
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    Answer<V> get(String key, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = cache.asMap().putIfAbsent(key, mine);
        if (running != null) {
            return new Answer<>(await(running), false);
        }
        try {
            V value = compute.get();
            mine.complete(value);
            return new Answer<>(value, true);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static <V> V await(CompletableFuture<V> running) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a login check", e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
