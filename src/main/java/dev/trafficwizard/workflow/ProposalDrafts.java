package dev.trafficwizard.workflow;

import dev.trafficwizard.gitops.ProposalFile;

import java.util.ArrayList;
import java.util.List;

/**
 * #18 ui (interim until the workflow's proposals of h18-git land): the files of a proposal from a
 * preview's YAML, one per object, {@code <kind lowercase>-<name>.yaml} under {@code <ns>/<service>/}.
 */
public final class ProposalDrafts {

    private ProposalDrafts() {
    }

    public static List<ProposalFile> files(String namespace, String service, Preview preview) {
        List<ProposalFile> files = new ArrayList<>();
        if (preview.yaml() == null || preview.yaml().isBlank()) {
            return files;
        }
        for (String doc : preview.yaml().split("(?m)^---\\n")) {
            for (GitYaml.Normalised object : GitYaml.objects(doc, namespace)) {
                files.add(new ProposalFile(namespace + "/" + service + "/" + object.kind().toLowerCase() + "-"
                        + object.name() + ".yaml", object.yaml()));
            }
        }
        return files;
    }
}
