/**
 * What the operator's commands print: status and history as text (coloured on a terminal), status
 * as JSON, and the report as one self-contained HTML file.
 *
 * <p>Internal: not a supported API; it may change in any release.
 */
package dev.jobstate.cli.print;
