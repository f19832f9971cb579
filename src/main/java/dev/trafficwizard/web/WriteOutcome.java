package dev.trafficwizard.web;

import dev.trafficwizard.cluster.ClusterConflictException;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.workflow.PlanRejectedException;
import org.springframework.ui.Model;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a write for a page and puts what happened into the model the result fragments read:
 * {@code outcome} (the success word, rejected, conflict, failed), {@code applied},
 * {@code rejections} or {@code failure}.
 */
final class WriteOutcome {

    private WriteOutcome() {
    }

    static boolean run(Model model, String success, DiagnosticMessages messages,
                       Supplier<List<RoutingApplier.Applied>> write) {
        try {
            model.addAttribute("applied", write.get());
            model.addAttribute("outcome", success);
            return true;
        } catch (PlanRejectedException e) {
            model.addAttribute("outcome", "rejected");
            model.addAttribute("rejections", messages.resolve(e.diagnostics()));
        } catch (ClusterConflictException e) {
            model.addAttribute("outcome", "conflict");
        } catch (ClusterWriteException e) {
            model.addAttribute("outcome", "failed");
            model.addAttribute("failure", e);
        }
        return false;
    }
}
