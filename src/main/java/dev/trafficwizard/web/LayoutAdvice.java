package dev.trafficwizard.web;

import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what every page header shows (which cluster, demo badge) into every page model. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final ClusterInfo cluster;

    LayoutAdvice(ClusterInfo cluster) {
        this.cluster = cluster;
    }

    @ModelAttribute("cluster")
    ClusterInfo cluster() {
        return cluster;
    }

    @ModelAttribute("currentUser")
    String currentUser() {
        return Actor.current();
    }
}
