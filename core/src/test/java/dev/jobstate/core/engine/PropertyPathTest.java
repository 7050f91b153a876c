package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyPathTest {

    record Offer(String offerId, Login login) {
    }

    record Login(String email) {
    }

    static class Bean {
        private final String name;
        private final boolean active;

        Bean(String name, boolean active) {
            this.name = name;
            this.active = active;
        }

        public String getName() {
            return name;
        }

        public boolean isActive() {
            return active;
        }
    }

    static class FieldsOnly {
        private final String secret = "s3cret";
    }

    static class Parent {
        private final String inherited = "from-field";

        public String getFromParent() {
            return "from-getter";
        }
    }

    static class Child extends Parent {
    }

    static class BothAccessorAndGetter {
        public String id() {
            return "accessor";
        }

        public String getId() {
            return "getter";
        }
    }

    static class Throwing {
        public String getBoom() {
            throw new IllegalStateException("kaput");
        }
    }

    @Test
    void theEmptyPathIsTheValueItself() throws Unresolvable {
        Object value = new Object();
        PropertyPath path = PropertyPath.parse("");

        assertTrue(path.isEmpty());
        assertSame(value, path.resolve(value, "argument 0"));
    }

    @Test
    void readsARecordAccessor() throws Unresolvable {
        assertEquals("o-7", PropertyPath.parse("offerId").resolve(new Offer("o-7", null), "offer"));
    }

    @Test
    void readsAGetterAndABooleanIsGetter() throws Unresolvable {
        Bean bean = new Bean("alice", true);

        assertEquals("alice", PropertyPath.parse("name").resolve(bean, "bean"));
        assertEquals(true, PropertyPath.parse("active").resolve(bean, "bean"));
    }

    @Test
    void readsAPrivateFieldWhenThereIsNoMethod() throws Unresolvable {
        assertEquals("s3cret", PropertyPath.parse("secret").resolve(new FieldsOnly(), "x"));
    }

    @Test
    void findsGettersAndFieldsDeclaredInSuperclasses() throws Unresolvable {
        assertEquals("from-getter", PropertyPath.parse("fromParent").resolve(new Child(), "child"));
        assertEquals("from-field", PropertyPath.parse("inherited").resolve(new Child(), "child"));
    }

    @Test
    void prefersTheMethodNamedLikeThePropertyOverAGetter() throws Unresolvable {
        assertEquals("accessor", PropertyPath.parse("id").resolve(new BothAccessorAndGetter(), "x"));
    }

    @Test
    void readsAMapByKey() throws Unresolvable {
        Map<String, Object> profile = Map.of("email", "bob@example.com");

        assertEquals("bob@example.com", PropertyPath.parse("email").resolve(profile, "profile"));
    }

    @Test
    void aMissingMapKeyIsNull() throws Unresolvable {
        assertNull(PropertyPath.parse("email").resolve(new HashMap<String, Object>(), "profile"));
    }

    @Test
    void followsNestedPaths() throws Unresolvable {
        Offer offer = new Offer("o-1", new Login("carol@example.com"));

        assertEquals("carol@example.com", PropertyPath.parse("login.email").resolve(offer, "offer"));
        assertEquals(8, PropertyPath.parse("login.email.length").resolve(new Offer("o", new Login("12345678")), "o"));
    }

    @Test
    void readsAPropertyOfAJdkCollectionThroughItsPublicInterface() throws Unresolvable {
        // List.of(...) is an instance of a JDK-internal class whose methods cannot be made accessible;
        // the public List.size() must still be found.
        assertEquals(3, PropertyPath.parse("size").resolve(List.of(1, 2, 3), "list"));
    }

    @Test
    void aNullOnTheWayIsUnresolvableAndSaysWhere() {
        Offer offer = new Offer("o-1", null);

        Unresolvable e = assertThrows(Unresolvable.class,
                () -> PropertyPath.parse("login.email").resolve(offer, "argument 0"));
        assertEquals("argument 0.login is null, so it has no .email", e.getMessage());
    }

    @Test
    void aMissingPropertyIsUnresolvableAndNamesTheClassAndTheProperty() {
        Unresolvable e = assertThrows(Unresolvable.class,
                () -> PropertyPath.parse("nope").resolve(new Offer("o", null), "argument 1"));
        assertTrue(e.getMessage().contains("argument 1"), e.getMessage());
        assertTrue(e.getMessage().contains(Offer.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void aGetterThatThrowsIsUnresolvable() {
        Unresolvable e = assertThrows(Unresolvable.class,
                () -> PropertyPath.parse("boom").resolve(new Throwing(), "t"));
        assertTrue(e.getMessage().contains("kaput"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "a.", ".a", "a..b", "1a", "a b", "a-b", "a.b c", "{0}"})
    void rejectsTextThatIsNotAPropertyPath(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PropertyPath.parse(text));
        assertTrue(e.getMessage().contains("not a property path"), e.getMessage());
    }

    @Test
    void printsAsItsText() {
        assertEquals("login.email", PropertyPath.parse("login.email").toString());
    }
}
