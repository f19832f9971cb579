package dev.trafficwizard.release;

import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;

/** One lock per service: a replica takes one rollout action of a service at a time (user actions and the driver). */
@Component
class Locks {

    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    Object of(String namespace, String service) {
        return locks.computeIfAbsent(namespace + "/" + service, k -> new Object());
    }
}
