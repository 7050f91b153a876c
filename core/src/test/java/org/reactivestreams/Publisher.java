package org.reactivestreams;

/**
 * Stands for the Reactive Streams interface of this name, which jobstate does not depend on and
 * recognises by name: the real one is not on the test class path.
 */
public interface Publisher<T> {
}
