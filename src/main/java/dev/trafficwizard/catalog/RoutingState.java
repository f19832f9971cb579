package dev.trafficwizard.catalog;

/** Whether a service has Istio routing, and whether Traffic Wizard owns it. */
public enum RoutingState {
    NONE, MANAGED, UNMANAGED
}
