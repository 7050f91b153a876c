package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdTemplateTest {

    record Offer(String offerId, int points) {
    }

    private static String resolve(String template, Object... args) throws Unresolvable {
        return IdTemplate.parse(template, args.length, null).resolve(args);
    }

    @Test
    void aTemplateWithoutPlaceholdersIsTheIdItself() throws Unresolvable {
        assertEquals("daily-check-in", resolve("daily-check-in"));
    }

    @Test
    void fillsTheFirstArgumentByIndexWithLiteralTextAround() throws Unresolvable {
        assertEquals("quiz-3-of-day", resolve("quiz-{0}-of-day", 3));
    }

    @Test
    void takesAnyArgumentIndexNotOnlyTheFirst() throws Unresolvable {
        assertEquals("c/b/a", resolve("{2}/{1}/{0}", "a", "b", "c"));
    }

    @Test
    void followsAPropertyPathOnAnArgument() throws Unresolvable {
        assertEquals("offer-o-42-10", resolve("offer-{1.offerId}-{1.points}", "ignored", new Offer("o-42", 10)));
    }

    @Test
    void readsAMapArgumentByKey() throws Unresolvable {
        assertEquals("promo-p9", resolve("promo-{0.id}", Map.of("id", "p9")));
    }

    @Test
    void namesAnArgumentByItsParameterNameWhenNamesAreKnown() throws Unresolvable {
        IdTemplate template = IdTemplate.parse("{offer.offerId}@{day}", 2, new String[] {"day", "offer"});

        assertEquals("o-1@mon", template.resolve(new Object[] {"mon", new Offer("o-1", 0)}));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{0}}|{0}",
        "a{{b|a{b",
        "a}}b|a}b",
        "{{{0}}}|{x}",
        "}}{{|}{",
    })
    void doubledBracesAreLiteralBraces(String template, String id) throws Unresolvable {
        assertEquals(id, resolve(template, "x"));
    }

    @Test
    void anArgumentIndexPastTheParametersIsRejectedAtParse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTemplate.parse("quiz-{2}", 2, null));
        assertEquals("{2} refers to argument 2, but the method takes 2", e.getMessage());
    }

    @Test
    void aHugeIndexIsOutOfRangeNotANumberFormatError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTemplate.parse("{99999999999999999999}", 1, null));
        assertTrue(e.getMessage().contains("but the method takes 1"), e.getMessage());
    }

    @Test
    void aParameterNameWithoutParametersCompiledInIsRejectedAndSaysHowToFixIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTemplate.parse("quiz-{offer}", 1, null));
        assertTrue(e.getMessage().contains("{offer}"), e.getMessage());
        assertTrue(e.getMessage().contains("-parameters"), e.getMessage());
    }

    @Test
    void anUnknownParameterNameIsRejectedAndListsTheParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTemplate.parse("{ofer.id}", 2, new String[] {"day", "offer"}));
        assertEquals("{ofer.id}: the method has no parameter 'ofer' (its parameters are day, offer)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quiz-{0|never closed",
        "quiz-}|has no '{'",
        "{}|empty placeholder",
        "{.x}|empty placeholder",
        "{0.}|not a property path",
        "{0..x}|not a property path",
        "{0}}|has no '{'",
    })
    void malformedTemplatesAreRejectedAtParseWithTheProblem(String template, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTemplate.parse(template, 1, null));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aNullOnThePathIsUnresolvableAtTheCall() {
        IdTemplate template = IdTemplate.parse("offer-{0.offerId.length}", 1, null);

        Unresolvable e = assertThrows(Unresolvable.class,
                () -> template.resolve(new Object[] {new Offer(null, 0)}));
        assertEquals("argument 0.offerId is null, so it has no .length", e.getMessage());
    }

    @Test
    void aPropertyTheRuntimeClassLacksIsUnresolvableAtTheCall() {
        IdTemplate template = IdTemplate.parse("offer-{0.offerId}", 1, null);

        assertThrows(Unresolvable.class, () -> template.resolve(new Object[] {"a plain string"}));
    }

    @Test
    void printsAsItsTemplateText() {
        assertEquals("quiz-{0.offerId}", IdTemplate.parse("quiz-{0.offerId}", 1, null).toString());
    }

    /** No toString() of its own: its text is its identity. */
    static final class Opaque {
        final String id = "o1";
    }

    @Test
    void aValueWhoseTextIsItsIdentityIsRefusedNamingThePlaceholderAndAFix() {
        Unresolvable e = assertThrows(Unresolvable.class, () -> resolve("quiz-{0}", new Opaque()));
        assertTrue(e.getMessage().startsWith("{0} is a " + Opaque.class.getName() + ", whose toString() is Object's"),
                e.getMessage());
        assertTrue(e.getMessage().contains("{0.id}"), e.getMessage());
    }

    @Test
    void anArrayIsRefusedLikeAnyValueWhoseTextIsItsIdentity() {
        Unresolvable e = assertThrows(Unresolvable.class, () -> resolve("scores-{0}", (Object) new int[] {1, 2}));
        assertTrue(e.getMessage().startsWith("{0} is an array (int[])"), e.getMessage());
    }

    @Test
    void aPropertyOfSuchAValueIsFine() throws Unresolvable {
        assertEquals("quiz-o1", resolve("quiz-{0.id}", new Opaque()));
    }
}
