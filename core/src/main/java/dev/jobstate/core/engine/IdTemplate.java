package dev.jobstate.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An activity id with placeholders filled from the call's arguments: {@code "quiz-{0}"},
 * {@code "offer-{1.offerId}"}, {@code "{offer.offerId}"} (by parameter name). {@code {{} and
 * {@code }}} are literal braces.
 *
 * <p>Everything that can be checked without a call is checked when the template is parsed, so a bad
 * template is reported once, up front; what depends on the values (a null on the way, a property
 * the runtime class lacks) is reported by {@link #resolve}.
 */
final class IdTemplate {

    private sealed interface Part permits Literal, Argument {
    }

    private record Literal(String text) implements Part {
    }

    /** @param placeholder as written, without its braces: {@code 0.offerId} */
    private record Argument(int index, String name, PropertyPath path, String placeholder) implements Part {
    }

    private final String text;
    private final List<Part> parts;

    private IdTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param parameterNames the method's parameter names, or null when the class was compiled
     *     without {@code -parameters}
     * @throws IllegalArgumentException naming what is wrong with the template
     */
    public static IdTemplate parse(String template, int parameterCount, String[] parameterNames) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && template.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("'}' at position " + i + " has no '{' (write }} for a literal brace)");
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'{' at position " + i + " is never closed");
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(argument(template.substring(i + 1, close), parameterCount, parameterNames));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new IdTemplate(template, List.copyOf(parts));
    }

    private static Argument argument(String placeholder, int parameterCount, String[] names) {
        int dot = placeholder.indexOf('.');
        String head = dot < 0 ? placeholder : placeholder.substring(0, dot);
        if (dot >= 0 && dot == placeholder.length() - 1) {
            throw new IllegalArgumentException("{" + placeholder + "}: '" + placeholder.substring(dot)
                    + "' is not a property path (names separated by dots, like offer.id)");
        }
        PropertyPath path = PropertyPath.parse(dot < 0 ? "" : placeholder.substring(dot + 1));
        if (head.isEmpty()) {
            throw new IllegalArgumentException("empty placeholder {" + placeholder + "}");
        }
        if (head.chars().allMatch(Character::isDigit)) {
            int index = parseIndex(head);
            if (index >= parameterCount) {
                throw new IllegalArgumentException("{" + placeholder + "} refers to argument " + index
                        + ", but the method takes " + parameterCount);
            }
            return new Argument(index, "argument " + index, path, placeholder);
        }
        if (names == null) {
            throw new IllegalArgumentException("{" + placeholder + "} names a parameter, but the class was"
                    + " compiled without -parameters; compile with javac -parameters or use {0}, {1}, ...");
        }
        int index = Arrays.asList(names).indexOf(head);
        if (index < 0) {
            throw new IllegalArgumentException("{" + placeholder + "}: the method has no parameter '" + head
                    + "' (its parameters are " + String.join(", ", names) + ")");
        }
        return new Argument(index, head, path, placeholder);
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The id for a call with these arguments. */
    public String resolve(Object[] args) throws Unresolvable {
        if (parts.size() == 1 && parts.get(0) instanceof Literal only) {
            return only.text();
        }
        StringBuilder id = new StringBuilder(text.length() + 16);
        appendTo(id, args);
        return id.toString();
    }

    /** Appends the id for a call with these arguments to {@code id}: the skip path makes no String. */
    void appendTo(StringBuilder id, Object[] args) throws Unresolvable {
        for (int i = 0; i < parts.size(); i++) { // indexed: no iterator on every call
            Part part = parts.get(i);
            if (part instanceof Literal literal) {
                id.append(literal.text());
            } else if (part instanceof Argument argument) {
                Object value = argument.path().resolve(args[argument.index()], argument.name());
                if (value == null) {
                    // "quiz-null" would make every call with a null there the same activity.
                    throw new Unresolvable((argument.path().isEmpty() ? argument.name()
                            : argument.name() + "'s " + argument.path()) + " is null for this call");
                }
                if (IdentityText.is(value)) {
                    throw new Unresolvable(IdentityText.explain("{" + argument.placeholder() + "}", value,
                            "give " + value.getClass().getSimpleName() + " a toString() of its own, or use one of"
                                    + " its properties, like {" + argument.placeholder() + ".id}"));
                }
                id.append(value);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
