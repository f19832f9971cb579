package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class AuthorityServedCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("subdomain host covered by the wildcard", webapp(newGateway("fleetman.com", "*.fleetman.com"),
                        when(authority(exact("experimental.fleetman.com")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                passes("a gateway on * serves every host", webapp(newGateway("*"),
                        when(authority(exact("anything.example")), "experimental"), otherwise("original")),
                        context(WEBAPP)),
                fails("host outside the domain", webapp(newGateway("fleetman.com", "*.fleetman.com"),
                        when(authority(exact("experimental.other.com")), "experimental"), otherwise("original")),
                        context(WEBAPP), "AUTHORITY_NOT_SERVED", ERROR, "rules[0].match[0].authority"),
                fails("mesh-only routing serves only the service host", webapp(null, List.of(),
                        when(authority(exact("fleetman.com")), "experimental"), otherwise("original")),
                        context(WEBAPP), "AUTHORITY_NOT_SERVED", ERROR, "rules[0].match[0].authority"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new AuthorityServedCheck(), plan, context, code, severity, path);
    }
}
