package dev.trafficwizard.web;

import dev.trafficwizard.workflow.WriteResult;
import org.springframework.ui.Model;

import java.util.List;

/**
 * Puts how a write ended into the model the result fragments read: {@code outcome} (the success
 * word, rejected, conflict, failed), {@code applied}, {@code rejections} or {@code failure}.
 */
final class WriteOutcome {

    private WriteOutcome() {
    }

    /** @return whether everything was written */
    static boolean show(Model model, String success, DiagnosticMessages messages, WriteResult result) {
        return result.fold(applied -> {
            model.addAttribute("applied", AppliedObject.of(applied));
            model.addAttribute("outcome", success);
            return true;
        }, rejected -> {
            model.addAttribute("outcome", "rejected");
            model.addAttribute("rejections", messages.resolve(rejected.diagnostics()));
            return false;
        }, conflict -> {
            model.addAttribute("outcome", "conflict");
            return false;
        }, failed -> {
            model.addAttribute("outcome", "failed");
            model.addAttribute("failure", failed);
            return false;
        });
    }

    /** One object a write touched, as pages and the API show it: {@code action} is created, updated, unchanged or deleted. */
    record AppliedObject(String kind, String namespace, String name, String action) {

        static List<AppliedObject> of(WriteResult.Applied applied) {
            return applied.objects().stream()
                    .map(o -> new AppliedObject(o.kind(), o.namespace(), o.name(), o.change().done())).toList();
        }
    }
}
