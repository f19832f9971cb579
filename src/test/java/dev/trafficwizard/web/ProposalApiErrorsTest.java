package dev.trafficwizard.web;

import dev.trafficwizard.gitops.GitOpsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 git: what the API answers when a proposal does not happen, in the user's words, without credentials. */
class ProposalApiErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NOT_CONFIGURED|404|GITOPS_NOT_CONFIGURED|No GitOps repository is configured",
            "REFUSED|409|GITOPS_REFUSED|The Git repository refused the proposal: the repository https://git.example.com/r.git refused the push",
            "UNAVAILABLE|502|GITOPS_UNAVAILABLE|The Git repository could not be reached: the repository https://git.example.com/r.git refused the push"})
    void eachReasonHasItsStatusAndCode(GitOpsException.Reason reason, int status, String code, String message) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            var controller = new ProposalApiController(null, new DiagnosticMessages(source));
            var answer = controller.gitOps(new GitOpsException(reason,
                    "the repository https://git.example.com/r.git refused the push"));
            assertThat(answer.getStatusCode().value()).isEqualTo(status);
            var diagnostic = answer.getBody().diagnostics().get(0);
            assertThat(diagnostic.code()).isEqualTo(code);
            assertThat(diagnostic.severity()).isEqualTo("ERROR");
            assertThat(diagnostic.message()).startsWith(message);
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}
