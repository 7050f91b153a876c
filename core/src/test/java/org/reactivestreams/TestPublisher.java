package org.reactivestreams;

/** A publisher as a reactive library would return one (Reactor's Flux, RxJava's Flowable...). */
public final class TestPublisher implements Publisher<String> {
}
