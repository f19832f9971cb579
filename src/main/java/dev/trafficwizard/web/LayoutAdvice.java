package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ClusterView;
import dev.trafficwizard.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what every page header shows (which cluster, demo badge) into every page model. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final ClusterView cluster;

    LayoutAdvice(ClusterView cluster) {
        this.cluster = cluster;
    }

    @ModelAttribute("cluster")
    ClusterView cluster() {
        return cluster;
    }

    @ModelAttribute("currentUser")
    String currentUser() {
        return Actor.current();
    }
}
