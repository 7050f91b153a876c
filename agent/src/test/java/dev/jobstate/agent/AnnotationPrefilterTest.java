package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class AnnotationPrefilterTest {

    static class WithActivity {
        @Activity
        void work() {
        }
    }

    static class WithAccountParameter {
        void runFor(@Account String email) {
        }
    }

    static class WithAccountField {
        @Account
        String email;
    }

    static class Plain {
        /** Names our annotations only as text, which is no use of them. */
        String note = "dev.jobstate.Activity dev/jobstate/Account";

        void work() {
        }
    }

    @Test
    void passesClassesThatUseEitherAnnotation() throws IOException {
        assertTrue(AnnotationPrefilter.mentionsOurAnnotations(bytesOf(WithActivity.class)));
        assertTrue(AnnotationPrefilter.mentionsOurAnnotations(bytesOf(WithAccountParameter.class)));
        assertTrue(AnnotationPrefilter.mentionsOurAnnotations(bytesOf(WithAccountField.class)));
    }

    @Test
    void stopsClassesThatDoNot() throws IOException {
        assertFalse(AnnotationPrefilter.mentionsOurAnnotations(bytesOf(Plain.class)));
        assertFalse(AnnotationPrefilter.mentionsOurAnnotations(bytesOf(AnnotationPrefilter.class)));
        assertFalse(AnnotationPrefilter.mentionsOurAnnotations(new byte[0]));
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
