package dev.trafficwizard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts {@link BenchApiServer} as a child JVM (the benchmark's own class path; heap from
 * BENCH_SERVER_XMX, default 12g: the embedded store keeps every object as JSON), passes its
 * figure lines through to standard output and returns once it serves.
 */
final class ApiServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    final String url;

    ApiServerProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String xmx = System.getenv().getOrDefault("BENCH_SERVER_XMX", "12g");
        process = new ProcessBuilder(List.of(java, "-Xmx" + xmx, "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), BenchApiServer.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String found = null;
        String line;
        while (found == null && (line = out.readLine()) != null) {
            if (line.startsWith("url=")) {
                found = line.substring("url=".length());
            } else {
                System.out.println(line);
            }
        }
        if (found == null) {
            throw new IllegalStateException("the benchmark's API server ended before serving (exit "
                    + waitFor() + ")");
        }
        url = found;
    }

    /** How many list pages the API server has served so far. */
    long pages() throws IOException {
        in.println("pages");
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("list_pages=")) {
                return Long.parseLong(line.substring("list_pages=".length()));
            }
            System.err.println(line); // a log line of the API server's (e.g. Vert.x's blocked-thread warning)
        }
        return -1;
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
