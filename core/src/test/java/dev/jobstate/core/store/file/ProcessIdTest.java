package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessIdTest {

    @Test
    void isTheJvmsOwnProcessId() {
        assertEquals(ProcessHandle.current().pid(), ProcessId.current());
    }
}
