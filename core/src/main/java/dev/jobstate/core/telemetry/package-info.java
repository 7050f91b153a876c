/**
 * What jobstate tells an operator's tools while a bot runs: the JDK Flight Recorder events
 * {@code dev.jobstate.Activity} (one per activity call) and {@code dev.jobstate.Checkpoint} (one
 * per durable write), and the MXBean {@code dev.jobstate:type=Agent} with live counters. The engine
 * and the stores report here with one static call at each point where an outcome or a durable
 * write already happens; nothing here decides or stores anything.
 *
 * <p>Only this package touches {@code jdk.jfr} and JMX, both modules a trimmed runtime may lack:
 * without them the events and the MBean are simply absent.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.telemetry;
