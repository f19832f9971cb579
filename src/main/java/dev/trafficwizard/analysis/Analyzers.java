package dev.trafficwizard.analysis;

import java.util.List;

/** Every analyzer, in the order their findings about one object appear. */
public final class Analyzers {

    private static final List<Analyzer> ALL = List.of(
            new UnreachableRuleAnalyzer(),
            new IneffectiveMatchAnalyzer(),
            new ConflictingGatewayAnalyzer());

    private Analyzers() {
    }

    public static List<Analyzer> all() {
        return ALL;
    }
}
