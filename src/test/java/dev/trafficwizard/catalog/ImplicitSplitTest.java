package dev.trafficwizard.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImplicitSplitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2,1|67,33", "1,1,1|34,33,33", "1,1|50,50", "3,0|100,0", "0,0|0,0", "1,2,3,4|10,20,30,40",
            "1,1,1,1,1,1|17,17,17,17,16,16"})
    void sharesAreWholePercentagesThatAddUpTo100(String pods, String expected) {
        List<Integer> ready = Arrays.stream(pods.split(",")).map(Integer::valueOf).toList();
        assertThat(ImplicitSplit.shares(ready)).containsExactlyElementsOf(
                Arrays.stream(expected.split(",")).map(Integer::valueOf).toList());
    }
}
