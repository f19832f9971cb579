package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random plans (exact and prefix paths, exact headers, query params and methods; no regular expressions) and
 * random requests: whenever a request goes to one rule in list order and to another under Gateway API
 * precedence, {@link PrecedenceOrder#differences} lists that pair.
 */
class PrecedenceOrderPropertyTest {

    private static final String[] PATHS = {"/a", "/a/b", "/ab", "/"};

    @Test
    void everyReorderingARequestShowsIsFound() {
        Random random = new Random(20261215L);
        int reordered = 0;
        for (int c = 0; c < 1000; c++) {
            List<Rule> rules = new ArrayList<>();
            for (int r = 1 + random.nextInt(4); r > 0; r--) {
                List<MatchCondition> match = new ArrayList<>();
                for (int m = random.nextInt(3); m > 0; m--) {
                    match.add(condition(random));
                }
                rules.add(new Rule(match, GatewayApiPlans.to("v1")));
            }
            RoutingPlan plan = new RoutingPlan("shop", "reviews", List.of(), null, rules, null);
            List<PrecedenceOrder.Reordered> found = PrecedenceOrder.differences(plan);
            HTTPRouteRule[] asRules = new HTTPRouteRule[rules.size()];
            for (int i = 0; i < rules.size(); i++) {
                asRules[i] = Routes.rule("b", rules.get(i).match().stream().map(m ->
                        HttpRouteMatches.toGatewayApi(m, "", new ArrayList<>())).toArray(HTTPRouteMatch[]::new));
            }
            for (int q = 0; q < 20; q++) {
                RouteRequest request = HttpRoutePrecedencePropertyTest.request(random);
                int first = firstInListOrder(asRules, request);
                Optional<RouteChoice> chosen = HttpRoutePrecedence.resolve(List.of(Routes.route("reviews", asRules)),
                        request);
                if (first >= 0 && chosen.orElseThrow().ruleIndex() != first) {
                    reordered++;
                    assertThat(found).as("case %d: %s for %s", c, rules, request)
                            .contains(new PrecedenceOrder.Reordered(first, chosen.get().ruleIndex()));
                }
            }
        }
        assertThat(reordered).as("enough reorderings to say something").isGreaterThan(500);
    }

    private static MatchCondition condition(Random random) {
        String path = PATHS[random.nextInt(PATHS.length)];
        StringMatch uri = random.nextBoolean() ? new StringMatch(null, path, null) : new StringMatch(path, null, null);
        Map<String, StringMatch> headers = new HashMap<>();
        for (String name : List.of("x-a", "x-b")) {
            if (random.nextInt(3) == 0) {
                headers.put(name, new StringMatch("1", null, null));
            }
        }
        Map<String, StringMatch> query = random.nextInt(4) == 0 ? Map.of("p", new StringMatch("1", null, null)) : Map.of();
        StringMatch method = random.nextInt(4) == 0 ? new StringMatch("POST", null, null) : null;
        return new MatchCondition(uri, headers, null, method, query);
    }

    private static int firstInListOrder(HTTPRouteRule[] rules, RouteRequest request) {
        for (int i = 0; i < rules.length; i++) {
            List<HTTPRouteMatch> matches = rules[i].getMatches();
            if (matches.isEmpty() || matches.stream().anyMatch(m -> HttpRouteMatching.matches(m, request))) {
                return i;
            }
        }
        return -1;
    }
}
