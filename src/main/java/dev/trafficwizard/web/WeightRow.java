package dev.trafficwizard.web;

/** One row of the weighted wizard: a version, its weight as typed, and its pods. */
record WeightRow(int index, String version, String weight, int ready, int desired) {
}
