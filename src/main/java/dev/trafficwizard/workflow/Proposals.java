package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.gitops.Proposal;
import dev.trafficwizard.gitops.ProposalFile;
import dev.trafficwizard.istio.ObjectComparison;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.checks.PlanLimits;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.security.Actor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * #18: a plan proposed as a Git commit instead of applied. The same checks and objects as preview
 * and apply ({@link PlanObjects}, {@link IstioRejections}): a plan with errors is refused with its
 * diagnostics ({@link PlanRejectedException}) and nothing is proposed. Each object becomes one file,
 * kubectl style ({@code <kind>-<name>.yaml}, merged onto the live object, without the fields the API
 * server adds, labels and annotations kept); objects the apply would delete are named in the commit
 * message and their files removed. Nothing is written to the cluster.
 */
@Service
public class Proposals {

    private final PlanObjects plans;
    private final RoutingWorkflow workflow;
    private final GitProposals git;

    Proposals(PlanObjects plans, RoutingWorkflow workflow, GitProposals git) {
        this.plans = plans;
        this.workflow = workflow;
        this.git = git;
    }

    /** Whether proposing is possible (a repository is configured, or the demo's). */
    public boolean configured() {
        return git.configured();
    }

    /** The repository proposals go to, as shown to users (null when none). */
    public String repository() {
        return git.repository();
    }

    /**
     * Proposes the plan as a commit by the logged-in user. Throws {@link PlanRejectedException} for
     * a plan with errors and {@link GitOpsException} when the repository is not configured, refuses
     * the push or cannot be reached.
     */
    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public Proposal propose(RoutingPlan plan, FormKind form) {
        if (!git.configured()) {
            throw new GitOpsException(GitOpsException.Reason.NOT_CONFIGURED, "no GitOps repository is configured");
        }
        Files files = files(plan, form);
        return git.propose(plan.namespace(), plan.service(), files.message(), Actor.current(), files.files());
    }

    /** What a proposal of the plan commits: the files and the commit message (refused like an apply). */
    public Files files(RoutingPlan plan, FormKind form) {
        RoutingPlan kept = workflow.kept(plan, form);
        List<Diagnostic> oversized = PlanLimits.exceeded(kept);
        if (!oversized.isEmpty()) {
            throw new PlanRejectedException(oversized);
        }
        PlanObjects.Checked checked = proposable(plans.check(kept));
        if (!checked.valid()) {
            throw new PlanRejectedException(checked.diagnostics());
        }
        ServiceDetail service = checked.service().orElseThrow();
        PlanObjects.Built built = plans.build(kept, service, form, checked.api());
        if (PlanValidator.hasErrors(built.gateway())) {
            throw new PlanRejectedException(built.gateway());
        }
        List<Diagnostic> istio = built.objects() == null ? List.of() : IstioRejections.of(kept, built.objects());
        if (!istio.isEmpty()) {
            throw new PlanRejectedException(istio);
        }
        List<RoutingApplier.Write> writes = plans.writes(built, service);
        List<ProposalFile> files = proposalFiles(writes);
        List<String> deleted = new ArrayList<>();
        for (RoutingApplier.Write write : writes) {
            if (write.desired() == null) {
                deleted.add(write.live().getKind() + " " + write.live().getMetadata().getNamespace() + "/"
                        + write.live().getMetadata().getName());
            }
        }
        StringBuilder message = new StringBuilder("Traffic Wizard: ").append(form == null ? "API" : form.segment())
                .append(" routing for ").append(kept.namespace()).append('/').append(kept.service());
        if (!deleted.isEmpty()) {
            message.append("\n\nDeletes (files removed where the repository has them):\n");
            deleted.forEach(d -> message.append("- ").append(d).append('\n'));
        }
        return new Files(files, message.toString());
    }

    /**
     * Proposing writes nothing to the cluster and is the way to change hand-written routing a GitOps
     * tool owns: routing Traffic Wizard did not create ({@code UNMANAGED_ROUTING}) does not block it.
     * The objects are built as a take-over builds them (the managed-by label in the file), so the
     * label arrives through Git.
     */
    static PlanObjects.Checked proposable(PlanObjects.Checked checked) {
        List<Diagnostic> kept = checked.diagnostics().stream()
                .filter(d -> !d.is(dev.trafficwizard.routing.DiagnosticCode.UNMANAGED_ROUTING)).toList();
        return new PlanObjects.Checked(checked.service(), kept, checked.api());
    }

    /**
     * #18 fix: one file per write. Two objects whose {@link #fileName} is the same (an Istio Gateway and a
     * Gateway API Gateway of one name) get their API group before it
     * ({@code gateway.networking.k8s.io-gateway-public.yaml}); a deletion never replaces a file the
     * same proposal writes.
     */
    static List<ProposalFile> proposalFiles(List<RoutingApplier.Write> writes) {
        java.util.Map<String, java.util.Set<String>> objects = new java.util.HashMap<>();
        for (RoutingApplier.Write write : writes) {
            HasMetadata o = write.desired() != null ? write.desired() : write.live();
            objects.computeIfAbsent(fileName(o), k -> new java.util.HashSet<>()).add(group(o));
        }
        java.util.Map<String, ProposalFile> files = new java.util.LinkedHashMap<>();
        for (RoutingApplier.Write write : writes) {
            HasMetadata o = write.desired() != null ? write.desired() : write.live();
            String name = objects.get(fileName(o)).size() > 1 && !group(o).isEmpty()
                    ? group(o) + "-" + fileName(o) : fileName(o);
            if (write.desired() == null) {
                files.putIfAbsent(name, ProposalFile.deletion(name));
            } else {
                files.put(name, new ProposalFile(name, render(write)));
            }
        }
        return new ArrayList<>(files.values());
    }

    private static String group(HasMetadata object) {
        String version = object.getApiVersion();
        return version == null || !version.contains("/") ? "" : version.substring(0, version.indexOf('/'));
    }

    /** {@code virtualservice-reviews.yaml} */
    public static String fileName(HasMetadata object) {
        return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }

    private static String render(RoutingApplier.Write write) {
        return fileText(write.live() == null ? write.desired() : ObjectComparison.merged(write.desired(), write.live()));
    }

    /**
     * An object as a proposal's file holds it (kubectl style, without status, managedFields,
     * resourceVersion, uid, creationTimestamp, generation; labels and annotations kept): for drift,
     * a live object rendered with this compares to the repository's file of the same {@link #fileName}.
     */
    public static String fileText(HasMetadata object) {
        HasMetadata clean = YamlRenderer.withoutServerFields(object);
        if (clean.getMetadata() != null) {
            clean.getMetadata().setSelfLink(null);
            clean.getMetadata().setDeletionTimestamp(null);
            clean.getMetadata().setDeletionGracePeriodSeconds(null);
            clean.getMetadata().setOwnerReferences(null);
            clean.getMetadata().setFinalizers(null);
        }
        return YamlRenderer.renderOne(withoutStatus(clean));
    }

    /** The object's fields without {@code status} (Istio objects carry one once the control plane saw them). */
    private static Object withoutStatus(HasMetadata object) {
        var tree = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(object,
                java.util.Map.class);
        tree.remove("status");
        return tree;
    }

    /** The files of a proposal and its commit message. */
    public record Files(List<ProposalFile> files, String message) {
    }
}
