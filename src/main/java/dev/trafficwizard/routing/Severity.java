package dev.trafficwizard.routing;

/** Errors block apply; warnings and infos do not. */
public enum Severity {
    ERROR, WARNING, INFO
}
