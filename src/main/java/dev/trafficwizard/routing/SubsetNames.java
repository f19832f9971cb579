package dev.trafficwizard.routing;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The DestinationRule subset name of each version, unique per service. The plain name is
 * {@link Names#subsetName}; when several versions share it ({@code V2} and {@code v2},
 * {@code v1.0} and {@code v1-0}) a version whose value already is that name keeps it and every
 * other one gets a short stable hash of its value ({@code v2-1a2b3c4d}), so a rule meant for one
 * version never reaches another. The label value stays as it is. The builder writes these names;
 * the parser maps subsets back to versions through the labels, so either side stays in step.
 * <p>
 * Known limit: the names depend on the service's versions. When a look-alike version appears later
 * (a {@code v2} deployment next to a live {@code V2}), {@code V2}'s subset is renamed on the next
 * apply, and between the DestinationRule and the VirtualService writes the old name selects the
 * new version's pods.
 */
public final class SubsetNames {

    private SubsetNames() {
    }

    /** Names for the service's versions plus the plan's (one naming across plans of a service). */
    public static Map<String, String> of(RoutingPlan plan, TargetService target) {
        Set<String> versions = new LinkedHashSet<>();
        if (target != null) {
            target.versions().forEach(v -> versions.add(v.version()));
        }
        if (plan != null) {
            plan.rules().stream().filter(r -> r != null).flatMap(r -> r.route().stream())
                    .filter(d -> d != null && d.version() != null && !d.version().isBlank())
                    .forEach(d -> versions.add(d.version()));
        }
        return of(versions);
    }

    /** Unique subset names for distinct version values; the result does not depend on their order. */
    public static Map<String, String> of(Collection<String> versions) {
        Map<String, Integer> plainCount = new HashMap<>();
        Set<String> distinct = new LinkedHashSet<>(versions);
        distinct.forEach(v -> plainCount.merge(Names.subsetName(v), 1, Integer::sum));
        Map<String, String> out = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (String v : distinct) {
            String plain = Names.subsetName(v);
            if (plainCount.get(plain) == 1 || plain.equals(v)) {
                out.put(v, plain);
                taken.add(plain);
            }
        }
        for (String v : distinct.stream().sorted().toList()) {
            if (!out.containsKey(v)) {
                String plain = Names.subsetName(v);
                String base = plain.length() > 54 ? plain.substring(0, 54) : plain;
                String name = base + "-" + hash(v);
                for (int n = 2; !taken.add(name); n++) {
                    name = base + "-" + hash(v + "#" + n);
                }
                out.put(v, name);
            }
        }
        return out;
    }

    /** The subset of one version among the given ones. */
    public static String of(String version, List<String> versions) {
        Set<String> all = new LinkedHashSet<>(versions);
        all.add(version);
        return of(all).get(version);
    }

    private static String hash(String value) {
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
