package dev.trafficwizard.web;

import dev.trafficwizard.istio.SimulatedRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's request: host, path, method, headers (one {@code name: value} per line) and
 * where it comes from. A blank host means the service itself, or {@code example.com} from outside.
 */
public class SimulationForm {

    static final int MAX_HEADERS = 50;

    private String simHost;
    private String simPath = "/";
    private String simMethod = "GET";
    private String simHeaders;
    private String simSource = "mesh";

    SimulatedRequest toRequest(String serviceFqdn) {
        boolean outside = "outside".equals(simSource);
        String host = simHost == null || simHost.isBlank() ? (outside ? "example.com" : serviceFqdn) : simHost.trim();
        Map<String, String> headers = new LinkedHashMap<>();
        if (simHeaders != null) {
            simHeaders.lines().limit(MAX_HEADERS).forEach(line -> {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            });
        }
        return new SimulatedRequest(host, simPath, simMethod, headers, Map.of(), outside);
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
}
