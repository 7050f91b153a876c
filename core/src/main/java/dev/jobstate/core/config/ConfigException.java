package dev.jobstate.core.config;

/** A config file that cannot be used; the message names the file and what is wrong with it. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
