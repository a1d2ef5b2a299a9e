package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** logback.xml parses: a broken config prints a page of errors before every command's output. */
class LoggingConfigTest {
  @Test
  void logbackConfigLoadsWithoutErrors() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    int level = new StatusUtil(ctx).getHighestLevel(0);
    assertTrue(
        level < Status.ERROR,
        "logback reported errors: " + ctx.getStatusManager().getCopyOfStatusList());
  }
}
