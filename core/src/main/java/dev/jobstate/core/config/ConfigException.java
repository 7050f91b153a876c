package dev.jobstate.core.config;

/** A config file that cannot be used; the message names the file and what is wrong with it. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
