package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.Analyzer;
import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.MeshAnalysis;
import dev.trafficwizard.analysis.MeshSnapshot;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.List;
import java.util.Map;

/**
 * Live checks fed by a test analyzer that reports, for the demo's {@code legacy} objects, what the
 * real analyzers report there (code, severity, path, arguments): for page tests that must not
 * depend on the analyzers themselves. The findings are computed once, from the caches as seeded.
 */
public class LegacyTestChecks extends MeshChecks {

    record Reported(DiagnosticCode code, Severity severity, String path, Object... args) {
    }

    static final Map<String, List<Reported>> REPORTED = Map.ofEntries(
            Map.entry("VirtualService/legacy/catalog", List.of(new Reported(DiagnosticCode.SUBSET_NOT_FOUND,
                    Severity.ERROR, "spec.http[0].route[0].destination.subset", "v3", "catalog"))),
            Map.entry("VirtualService/legacy/inventory", List.of(new Reported(DiagnosticCode.DESTINATION_NOT_FOUND,
                    Severity.ERROR, "spec.http[0].route[0].destination.host", "inventory-v2", "legacy"))),
            Map.entry("VirtualService/legacy/storefront", List.of(new Reported(DiagnosticCode.GATEWAY_NOT_FOUND,
                    Severity.ERROR, "spec.gateways[0]", "storefront-gateway"),
                    new Reported(DiagnosticCode.HOST_NOT_IN_GATEWAY, Severity.WARNING, "spec.gateways[0]",
                            "storefront.legacy.example.com", "legacy/storefront-gateway"))),
            Map.entry("VirtualService/legacy/orders", List.of(new Reported(DiagnosticCode.CONFLICTING_MESH_HOSTS,
                    Severity.ERROR, "spec.hosts[0]", "orders", "legacy/orders-canary"))),
            Map.entry("VirtualService/legacy/orders-canary", List.of(new Reported(DiagnosticCode.CONFLICTING_MESH_HOSTS,
                    Severity.ERROR, "spec.hosts[0]", "orders", "legacy/orders"))),
            Map.entry("VirtualService/legacy/payments", List.of(new Reported(DiagnosticCode.UNREACHABLE_RULE,
                    Severity.WARNING, "spec.http[1]", "1 \"v2-for-everyone\"", 0, "0 \"stable\""))),
            Map.entry("VirtualService/legacy/search", List.of(new Reported(DiagnosticCode.INEFFECTIVE_MATCH,
                    Severity.INFO, "spec.http[1].match[0]", 1, 0, 0, 0, "/api", "/api/v1"))),
            Map.entry("VirtualService/legacy/shop", List.of(new Reported(DiagnosticCode.HOST_NOT_IN_GATEWAY,
                    Severity.WARNING, "spec.gateways[0]", "shop.example.org", "legacy/shop-gateway"))),
            Map.entry("Gateway/legacy/legacy-gateway", List.of(new Reported(DiagnosticCode.CONFLICTING_GATEWAYS,
                    Severity.ERROR, "spec.servers[0]", "legacy/legacy-gateway-copy", "legacy.example.com", 80,
                    "istio=ingressgateway"))),
            Map.entry("Gateway/legacy/legacy-gateway-copy", List.of(new Reported(DiagnosticCode.CONFLICTING_GATEWAYS,
                    Severity.ERROR, "spec.servers[0]", "legacy/legacy-gateway", "legacy.example.com", 80,
                    "istio=ingressgateway"))),
            Map.entry("DestinationRule/legacy/reports", List.of(new Reported(DiagnosticCode.SUBSET_NO_PODS,
                    Severity.ERROR, "spec.subsets[1]", "v2"))),
            Map.entry("VirtualService/legacy/billing", List.of(new Reported(DiagnosticCode.NO_CATCH_ALL,
                    Severity.WARNING, "spec.http[0].match"))),
            Map.entry("VirtualService/legacy/accounts", List.of(new Reported(DiagnosticCode.WEIGHT_NO_READY_PODS,
                    Severity.WARNING, "spec.http[0].route[1]", "v2", 20))),
            Map.entry("VirtualService/legacy/recommendations", List.of(new Reported(DiagnosticCode.STICKY_WEIGHTED,
                    Severity.WARNING, "spec.http[0].route", 1))),
            Map.entry("VirtualService/legacy/profile", List.of(new Reported(DiagnosticCode.HEADER_PROPAGATION,
                    Severity.WARNING, "spec.http[0].match[0].headers.x-dark", "x-dark"))));

    /** Reports what {@link #REPORTED} lists for the object. */
    static final class LegacyAnalyzer implements Analyzer {

        @Override
        public boolean appliesTo(HasMetadata object) {
            return REPORTED.containsKey(ObjectRef.of(object).key());
        }

        @Override
        public void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
            for (Reported r : REPORTED.get(ObjectRef.of(object).key())) {
                out.add(Finding.of(r.code(), r.severity(), object, r.path(), r.args()));
            }
        }
    }

    private final MeshAnalysis held = new MeshAnalysis(List.of(new LegacyAnalyzer()));

    LegacyTestChecks(ClusterCache cache) {
        super(cache);
        held.checkAll(new CacheSnapshot(cache));
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public List<Finding> findings() {
        return held.findings();
    }

    @Override
    public List<Finding> findingsOf(ObjectRef ref) {
        return held.findingsOf(ref);
    }

    @Override
    public List<Finding> findingsForService(String namespace, String name) {
        return held.findingsForService(dev.trafficwizard.routing.Hosts.serviceFqdn(name, namespace));
    }

    @Override
    public Map<String, List<Finding>> findingsByService() {
        return held.findingsByService();
    }

    @Override
    public java.util.Set<String> servicesOf(ObjectRef ref) {
        return held.serviceHostsOf(ref);
    }

    /** Put in place of the live checks by {@code @Import(LegacyTestChecks.Config.class)}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        LegacyTestChecks legacyTestChecks(ClusterCache cache) {
            return new LegacyTestChecks(cache);
        }
    }
}
