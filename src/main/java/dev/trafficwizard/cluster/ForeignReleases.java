package dev.trafficwizard.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Argo Rollouts {@code Rollout}s and Flagger {@code Canary}s of a namespace, read with the generic
 * client (their CRDs are optional, and nothing else of them is needed) and kept {@link #FRESH} per
 * namespace: a service page or a rollout start costs at most two list calls every few seconds, and no
 * informer holds every Rollout of a large cluster in memory for a card shown on one page.
 * <p>
 * A CRD that is not installed (404) means none of that kind, quietly; any other failure (403 without
 * the RBAC, a timeout) means none too for pages ({@link #in}), with one warning per kind and status
 * code, but is reported by {@link #listing} so a rollout start refuses. Never an exception.
 */
@Component
public class ForeignReleases {

    private static final Logger log = LoggerFactory.getLogger(ForeignReleases.class);
    static final Duration FRESH = Duration.ofSeconds(10);
    private static final int NAMESPACES_KEPT = 1_000;

    /** {@code argoproj.io/v1alpha1} {@code rollouts}, as argo-rollouts' CRD manifests define it. */
    static final ResourceDefinitionContext ROLLOUTS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts")
            .withNamespaced(true).build();
    /** {@code flagger.app/v1beta1} {@code canaries}, as Flagger's CRD manifests define it. */
    static final ResourceDefinitionContext CANARIES = new ResourceDefinitionContext.Builder()
            .withGroup("flagger.app").withVersion("v1beta1").withKind("Canary").withPlural("canaries")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final Cache<String, Listing> byNamespace;
    /**
     * #19: when the dashboard watches every namespace, pages read one cluster-wide listing (two list
     * calls every {@link #FRESH}, whatever the number of namespaces a page shows), refreshed in the
     * background once it is older: a page never waits for it after the first. Null: per namespace.
     */
    private final com.github.benmanes.caffeine.cache.LoadingCache<String, Map<String, Listing>> clusterWide;
    /** kind + status code already reported, so a cluster without the RBAC logs once, not per page. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Autowired
    ForeignReleases(KubernetesClient client, WatchScope scope) {
        this(client, Ticker.systemTicker(), scope.watchNamespaces().isEmpty());
    }

    ForeignReleases(KubernetesClient client) {
        this(client, Ticker.systemTicker());
    }

    ForeignReleases(KubernetesClient client, Ticker ticker) {
        this(client, ticker, false);
    }

    ForeignReleases(KubernetesClient client, Ticker ticker, boolean clusterWide) {
        this.client = client;
        this.byNamespace = Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(NAMESPACES_KEPT)
                .ticker(ticker).build();
        this.clusterWide = clusterWide ? Caffeine.newBuilder().refreshAfterWrite(FRESH)
                .expireAfterWrite(FRESH.multipliedBy(6)).ticker(ticker).build(key -> readAll()) : null;
    }

    /**
     * What a read of a namespace found: the releases, and the lists that failed other than with a 404
     * (a 403 without the RBAC, a timeout), each as "what" and "why": none of that kind is known there.
     */
    public record Listing(List<ForeignRelease> releases, List<Failure> failed) {
        public Listing {
            releases = List.copyOf(releases);
            failed = List.copyOf(failed);
        }
    }

    /** A list call that failed: {@code what} ("rollouts.argoproj.io in bookinfo") and why. */
    public record Failure(String what, String reason) {
    }

    /** The Rollouts and Canaries of the namespace, as read at most {@link #FRESH} ago (a failed list: none, for pages). */
    public List<ForeignRelease> in(String namespace) {
        if (clusterWide != null) {
            Listing listing = clusterWide.get(ALL).get(namespace);
            return listing == null ? List.of() : listing.releases();
        }
        return listing(namespace).releases();
    }

    /**
     * The same read with its failures: a rollout start must refuse when a list other than a missing CRD
     * failed, as a controller may be there unseen.
     */
    public Listing listing(String namespace) {
        return byNamespace.get(namespace, this::read);
    }

    private Listing read(String namespace) {
        List<ForeignRelease> out = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        out.addAll(list(namespace, ROLLOUTS, ForeignReleaseParser::rollout, failed));
        out.addAll(list(namespace, CANARIES, ForeignReleaseParser::canary, failed));
        return new Listing(out, failed);
    }

    private static final String ALL = "";

    /** Every namespace's releases from two cluster-wide lists ({@code read(null)}; namespaces without any are absent). */
    private Map<String, Listing> readAll() {
        Listing all = read(null);
        return all.releases().stream().collect(java.util.stream.Collectors.groupingBy(ForeignRelease::namespace,
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        releases -> new Listing(releases, all.failed()))));
    }

    private List<ForeignRelease> list(String namespace, ResourceDefinitionContext context,
                                      Function<GenericKubernetesResource, ForeignRelease> parse, List<Failure> failed) {
        List<GenericKubernetesResource> items;
        String what = context.getPlural() + "." + context.getGroup() + " in " + where(namespace);
        try {
            var resources = client.genericKubernetesResources(context);
            items = (namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace)).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                report(context, e.getCode(), namespace, e);
                failed.add(new Failure(what, (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "")
                        + String.valueOf(e.getMessage())));
            }
            return List.of();
        } catch (RuntimeException e) {
            report(context, -1, namespace, e);
            failed.add(new Failure(what, String.valueOf(e.getMessage())));
            return List.of();
        }
        List<ForeignRelease> out = new ArrayList<>();
        for (GenericKubernetesResource item : items) {
            try {
                out.add(parse.apply(item));
            } catch (RuntimeException e) {
                log.warn("Cannot read {} {}/{}: {}", context.getKind(), item.getMetadata().getNamespace(),
                        item.getMetadata().getName(),
                        e.toString());
            }
        }
        return out;
    }

    private void report(ResourceDefinitionContext context, int code, String namespace, Exception e) {
        String text = "Cannot list {} in {} ({}): Traffic Wizard sees none there and does not step aside for them: {}";
        if (reported.add(context.getPlural() + code)) {
            log.warn(text, context.getPlural() + "." + context.getGroup(), where(namespace), code, e.getMessage());
        } else {
            log.debug(text, context.getPlural() + "." + context.getGroup(), where(namespace), code, e.getMessage());
        }
    }

    private static String where(String namespace) {
        return namespace == null ? "all namespaces" : namespace;
    }
}
