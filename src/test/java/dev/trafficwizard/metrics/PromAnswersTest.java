package dev.trafficwizard.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromAnswersTest {

    private static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";

    @Test
    void aVectorGivesEachServiceAndVersionItsValue() {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local","destination_version":"v1"},
                   "value":[1700000000.123,"120.5"]},
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local","destination_version":"v2"},
                   "value":[1700000000.123,"0"]}]}}""";
        assertThat(PromAnswers.vector(body)).containsExactly(
                Map.entry(new PromAnswers.Series(REVIEWS, "v1"), 120.5),
                Map.entry(new PromAnswers.Series(REVIEWS, "v2"), 0.0));
    }

    @Test
    void nanAndInfinityAreNoFigureAndAMissingVersionIsUnknown() {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local","destination_version":"v1"},
                   "value":[1700000000,"NaN"]},
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local","destination_version":"v2"},
                   "value":[1700000000,"+Inf"]},
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local"},
                   "value":[1700000000,"-Inf"]}]}}""";
        Map<PromAnswers.Series, Double> values = PromAnswers.vector(body);
        assertThat(values).containsOnlyKeys(new PromAnswers.Series(REVIEWS, "v1"),
                new PromAnswers.Series(REVIEWS, "v2"), new PromAnswers.Series(REVIEWS, "unknown"));
        assertThat(values.values()).containsOnlyNulls();
    }

    @Test
    void anEmptyResultIsNoSeries() {
        assertThat(PromAnswers.vector("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
                .isEmpty();
    }

    @Test
    void anErrorStatusSaysWhatPrometheusSaid() {
        assertThatThrownBy(() -> PromAnswers.vector("""
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:5: parse error"}"""))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessage("Prometheus refused the query: bad_data: invalid parameter \"query\": 1:5: parse error");
    }

    @Test
    void somethingThatIsNotTheExpectedJsonIsUnavailable() {
        assertThatThrownBy(() -> PromAnswers.vector("<html>login</html>"))
                .isInstanceOf(MetricsUnavailableException.class).hasMessageStartingWith("Prometheus answered something that is not JSON");
        assertThatThrownBy(() -> PromAnswers.vector("[1,2]"))
                .isInstanceOf(MetricsUnavailableException.class).hasMessage("Prometheus answered something that is not a JSON object");
        assertThatThrownBy(() -> PromAnswers.vector("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .isInstanceOf(MetricsUnavailableException.class).hasMessage("Prometheus answered a matrix where a vector was expected");
        assertThatThrownBy(() -> PromAnswers.vector("{\"status\":\"success\"}"))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessage("Prometheus answered a result without type where a vector was expected");
    }

    @Test
    void aMatrixIsAlignedToItsStepsWithZeroWhereNothingWasSampled() {
        String body = """
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"destination_service":"reviews.bookinfo.svc.cluster.local","destination_version":"v1"},
                   "values":[[1000,"1.5"],[1120,"2"],[1180,"NaN"],[5000,"9"]]}]}}""";
        assertThat(PromAnswers.matrix(body, 1000, 60, 4))
                .containsExactly(Map.entry(new PromAnswers.Series(REVIEWS, "v1"), List.of(1.5, 0.0, 2.0, 0.0)));
    }
}
