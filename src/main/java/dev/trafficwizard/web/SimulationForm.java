package dev.trafficwizard.web;

import dev.trafficwizard.istio.SimulatedRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's request: host, path, method, headers (one {@code name: value} per line), port,
 * the caller's labels ({@code app=sleep, version=v1}) and where it comes from. A blank host means the service itself, or {@code example.com} from outside.
 */
public class SimulationForm {

    static final int MAX_HEADERS = 50;

    private String simHost;
    private String simPath = "/";
    private String simMethod = "GET";
    private String simHeaders;
    private String simSource = "mesh";
    private String simPort;
    private String simSourceLabels;

    SimulatedRequest toRequest(String serviceFqdn) {
        boolean outside = "outside".equals(simSource);
        String host = simHost == null || simHost.isBlank() ? (outside ? "example.com" : serviceFqdn) : simHost.trim();
        Map<String, String> headers = new LinkedHashMap<>();
        if (simHeaders != null) {
            simHeaders.lines().filter(line -> !line.isBlank()).limit(MAX_HEADERS).forEach(line -> {
                int colon = colon(line);
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            });
        }
        return new SimulatedRequest(host, simPath, simMethod, headers, Map.of(), outside, port(), sourceLabels());
    }

    /** Whether a port is typed that is not one (1–65535): the simulator then names it instead of answering. */
    boolean badPort() {
        return simPort != null && !simPort.isBlank() && port() == null;
    }

    /** The port typed (1–65535); null when blank (the default port then applies) or not a port. */
    Integer port() {
        if (simPort == null || simPort.isBlank()) {
            return null;
        }
        String digits = simPort.strip();
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535 ? p : null;
    }

    /**
     * The caller's labels, written as a selector: {@code app=sleep, version=v1} (commas, spaces or
     * new lines between them); a part without {@code =} is left out. At most {@link #MAX_HEADERS}.
     */
    Map<String, String> sourceLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        if (simSourceLabels != null) {
            java.util.Arrays.stream(simSourceLabels.split("[,\\s]+")).filter(p -> !p.isBlank()).limit(MAX_HEADERS)
                    .forEach(part -> {
                        int eq = part.indexOf('=');
                        if (eq > 0) {
                            labels.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                        }
                    });
        }
        return labels;
    }

    /** A header line that is not {@code name: value}: its number (from 1) and its text. */
    public record BadLine(int number, String text) {
    }

    /**
     * The first header line without a name before a colon, or {@code null}: such a line is an
     * error the simulator shows, not a header it quietly leaves out. Blank lines are skipped.
     */
    BadLine badHeaderLine() {
        if (simHeaders == null) {
            return null;
        }
        java.util.List<String> lines = simHeaders.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && colon(line) <= 0) {
                String text = line.strip();
                return new BadLine(i + 1, text.length() > 60 ? text.substring(0, 60) + "…" : text);
            }
        }
        return null;
    }

    /** The colon after the name; a pseudo-header such as {@code :authority} starts with one. */
    private static int colon(String line) {
        String trimmed = line.stripLeading();
        int offset = line.length() - trimmed.length();
        int colon = trimmed.indexOf(':', trimmed.startsWith(":") ? 1 : 0);
        if (colon < 0 || trimmed.substring(0, colon).isBlank()) {
            return -1;
        }
        return offset + colon;
    }

    public String getSimHost() { return simHost; }
    public void setSimHost(String simHost) { this.simHost = simHost; }
    public String getSimPath() { return simPath; }
    public void setSimPath(String simPath) { this.simPath = simPath; }
    public String getSimMethod() { return simMethod; }
    public void setSimMethod(String simMethod) { this.simMethod = simMethod; }
    public String getSimHeaders() { return simHeaders; }
    public void setSimHeaders(String simHeaders) { this.simHeaders = simHeaders; }
    public String getSimSource() { return simSource; }
    public void setSimSource(String simSource) { this.simSource = simSource; }
    public String getSimPort() { return simPort; }
    public void setSimPort(String simPort) { this.simPort = simPort; }
    public String getSimSourceLabels() { return simSourceLabels; }
    public void setSimSourceLabels(String simSourceLabels) { this.simSourceLabels = simSourceLabels; }
}
