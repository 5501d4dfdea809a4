package org.nprworkbench.trainer.store;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log output without its progress chatter: warnings and errors go to SLF4J, info and
 * debug lines ("Migrating schema ...", "Successfully validated ...") are dropped, so the command line
 * prints nothing on every start. Named by class in the Flyway configuration.
 */
public final class QuietFlywayLogs implements LogCreator {
    @Override
    public Log createLogger(Class<?> clazz) {
        Logger log = LoggerFactory.getLogger(clazz);
        return new Log() {
            @Override
            public void debug(String message) {
            }

            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log.error(message, e);
            }

            @Override
            public void notice(String message) {
            }
        };
    }
}
