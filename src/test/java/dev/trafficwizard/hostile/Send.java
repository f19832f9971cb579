package dev.trafficwizard.hostile;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** Performs a request; an exception escaping the application fails with the input that caused it. */
final class Send {

    private Send() {
    }

    static MockHttpServletResponse perform(MockMvc mvc, RequestBuilder request, String input) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError("an exception escaped (a 500 for the user) on " + input, e);
        }
    }
}
