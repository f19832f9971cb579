package dev.trafficwizard.catalog;

import dev.trafficwizard.cluster.ClusterCache;

/** A catalog over a cache, for tests of other packages outside Spring (the constructor is the package's). */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    public static Catalog of(ClusterCache cache) {
        return new Catalog(cache, new CatalogProperties(null));
    }
}
