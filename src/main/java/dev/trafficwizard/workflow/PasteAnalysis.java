package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.MeshAnalysis;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.IstioValidation;
import dev.trafficwizard.istio.PasteReader;
import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.istio.SimulatedRequest;
import dev.trafficwizard.istio.Violation;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Severity;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Is this right?" for pasted routing: the paste read defensively ({@link PasteReader}), each
 * pasted object checked as Istio's admission would (schema, unknown fields: Istio's IST0106), and
 * the checks of the live mesh with the pasted objects laid over it ({@link MeshChecks#analyzeWith}).
 * For the services the pasted objects touch: their routes and the simulator with the paste applied.
 * Nothing is written; anyone who can log in may ask.
 */
@Service
public class PasteAnalysis {

    /** At most this many touched services get a diagram. */
    public static final int MAX_SERVICES = 10;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PasteAnalysis.class);

    private final MeshChecks checks;
    private final Catalog catalog;
    private final ClusterCache cache;
    private final int maxChars;

    PasteAnalysis(MeshChecks checks, Catalog catalog, ClusterCache cache,
                  @Value("${traffic-wizard.limits.max-body-size:256KB}") DataSize maxBodySize) {
        this.checks = checks;
        this.catalog = catalog;
        this.cache = cache;
        this.maxChars = (int) Math.min(Integer.MAX_VALUE - 1, maxBodySize.toBytes());
    }

    /** A service the paste touches, with its routes as they would be with the paste applied. */
    public record Touched(ServiceDetail service, ServiceRoutes routes) {
    }

    /**
     * The analysis: the paste as read; when it could be read without problems, the findings and
     * (when asked for) the touched services, {@code moreServices} when there were more than
     * {@link #MAX_SERVICES}.
     */
    public record Result(PasteReader.Paste paste, List<Finding> findings, List<Touched> services,
                         boolean moreServices) {

        public Result {
            findings = List.copyOf(findings);
            services = List.copyOf(services);
        }
    }

    public PasteReader.Paste read(String text) {
        return PasteReader.read(text, maxChars);
    }

    public Result analyze(String text, boolean withServices) {
        PasteReader.Paste paste = read(text);
        if (!paste.ok()) {
            return new Result(paste, List.of(), List.of(), false);
        }
        List<Finding> findings = new ArrayList<>();
        List<HasMetadata> accepted = new ArrayList<>();
        for (PasteReader.Pasted pasted : paste.objects()) {
            HasMetadata object = pasted.object();
            for (Violation v : pasted.unknownFields()) {
                findings.add(unknownField(object, v.path()));
            }
            List<Violation> refused = IstioValidation.validate(object);
            refused.forEach(v -> findings.add(rejected(object, v)));
            if (refused.isEmpty()) {
                accepted.add(object);
            }
        }
        List<HasMetadata> all = paste.routingObjects();
        findings.addAll(guarded(all, accepted, checks::analyzeWith, List.of()));
        findings.sort(MeshAnalysis.ORDER);
        if (!withServices) {
            return new Result(paste, findings, List.of(), false);
        }
        List<ServiceDetail> touched = PastedServices.of(all, catalog);
        List<Touched> services = new ArrayList<>();
        for (ServiceDetail s : touched.stream().limit(MAX_SERVICES).toList()) {
            ServiceRoutes routes = guarded(all, accepted, objects -> catalog.routesWith(s, objects, List.of()), null);
            if (routes != null) {
                services.add(new Touched(s, routes));
            }
        }
        return new Result(paste, findings, services, touched.size() > MAX_SERVICES);
    }

    /**
     * {@code work} on every pasted object; should an object Istio would refuse anyway (a null where
     * the live mesh never has one) break it, on those Istio accepts; {@code otherwise} when that
     * fails too. Live objects passed Istio's validation; pasted ones did not, so this never lets a
     * paste turn into a 5xx.
     */
    private static <T> T guarded(List<HasMetadata> all, List<HasMetadata> accepted,
                                 java.util.function.Function<List<HasMetadata>, T> work, T otherwise) {
        try {
            return work.apply(all);
        } catch (RuntimeException e) {
            log.warn("Analyzing a paste failed on an object Istio would refuse; again without those: {}", e.toString());
        }
        try {
            return work.apply(accepted);
        } catch (RuntimeException e) {
            log.warn("Analyzing a paste failed", e);
            return otherwise;
        }
    }

    /** Istio's schema refuses unknown fields (IST0106); the text names the field by its path, in the reader's language. */
    private static Finding unknownField(HasMetadata object, String path) {
        DiagnosticCode code = DiagnosticCode.ISTIO_REJECTS;
        return new Finding(code.name(), code.istioCode(), Severity.ERROR, "analyze.unknownField",
                List.of(name(object), path), ObjectRef.of(object), path);
    }

    private static String name(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static Finding rejected(HasMetadata object, Violation v) {
        return Finding.error(DiagnosticCode.ISTIO_REJECTS, object, v.path(), name(object), v.path(), v.message());
    }

    /**
     * The simulator for service {@code namespace/name} on the live objects with the paste's laid
     * over them; empty when the paste cannot be read or the service does not exist.
     */
    public Optional<Resolution> simulate(String text, String namespace, String name, SimulatedRequest request) {
        PasteReader.Paste paste = read(text);
        if (!paste.ok()) {
            return Optional.empty();
        }
        List<HasMetadata> accepted = paste.routingObjects().stream()
                .filter(o -> IstioValidation.validate(o).isEmpty()).toList();
        return catalog.service(namespace, name).map(service -> guarded(paste.routingObjects(), accepted,
                pasted -> RequestSimulator.simulate(request,
                        laid(cache.virtualServices(), pasted, VirtualService.class),
                        laid(cache.destinationRules(), pasted, DestinationRule.class),
                        laid(cache.gateways(), pasted, Gateway.class),
                        service.target(), service.target().namespace()), null));
    }

    private static <T extends HasMetadata> List<T> laid(List<T> live, List<HasMetadata> pasted, Class<T> type) {
        List<T> over = pasted.stream().filter(type::isInstance).map(type::cast).toList();
        List<T> out = new ArrayList<>();
        for (T object : live) {
            if (over.stream().noneMatch(o -> same(o, object))) {
                out.add(object);
            }
        }
        out.addAll(over);
        return out;
    }

    private static boolean same(HasMetadata a, HasMetadata b) {
        return a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
                && a.getMetadata().getName().equals(b.getMetadata().getName());
    }
}
