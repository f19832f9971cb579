package dev.trafficwizard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the API under concurrent clients: {@code clients} threads, each with a client of
 * its own (its own connection, its own session or header), call as fast as the dashboard answers
 * for a warm-up period and then for the measured period; prints requests per second.
 */
final class ApiLoad {

    /** One client's next call; throws when the answer is not the expected one. */
    interface Client {
        void call(int n) throws Exception;
    }

    interface ClientFactory {
        Client create() throws Exception;
    }

    private ApiLoad() {
    }

    /** Requests per second over {@code seconds}, after {@code warmupSeconds} of the same load. */
    static double rps(int clients, double warmupSeconds, double seconds, ClientFactory factory) throws Exception {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = factory.create();
            int offset = c * 100_000;
            Thread thread = new Thread(() -> {
                try {
                    for (int n = offset; running.get(); n++) {
                        client.call(n);
                        if (counting.get()) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    running.set(false);
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long counted = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.get(0));
        }
        return counted / elapsed;
    }
}
