package dev.trafficwizard.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Captures what the {@code audit} logger writes, for tests; close to detach. */
public final class AuditLines implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Audit.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public AuditLines() {
        appender.start();
        logger.addAppender(appender);
    }

    public List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Every line is one JSON object on one line; returns them parsed. */
    public List<JsonNode> objects() {
        return lines().stream().map(line -> {
            assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            return node;
        }).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
