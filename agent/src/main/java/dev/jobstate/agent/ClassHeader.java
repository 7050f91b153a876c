package dev.jobstate.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a class file's constant pool says about the class, read without parsing the rest: the
 * supertypes it names (its superclass and interfaces), and the types its {@code invokedynamic}
 * instructions make — for a lambda or method reference, the interface it implements. Internal names
 * ({@code com/example/Bot}), at about the cost of scanning the bytes once.
 */
record ClassHeader(List<String> supertypes, List<String> dynamicTypes) {

    private static final ClassHeader NONE = new ClassHeader(List.of(), List.of());

    /** The header of {@code bytes}; empty for bytes that are not a class file. */
    static ClassHeader of(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    static List<String> supertypes(byte[] bytes) {
        return of(bytes).supertypes();
    }

    private static ClassHeader read(byte[] bytes) {
        if (bytes.length < 10 || u4(bytes, 0) != 0xCAFEBABE) {
            return NONE;
        }
        int count = u2(bytes, 8);
        int[] offsets = new int[count]; // where each entry's content starts, after its tag
        List<Integer> dynamic = new ArrayList<>(); // NameAndType indexes of invokedynamic entries
        int position = 10;
        for (int index = 1; index < count; index++) {
            int tag = bytes[position] & 0xFF;
            offsets[index] = position + 1;
            if (tag == 18) {
                dynamic.add(u2(bytes, position + 3));
            }
            position += 1 + switch (tag) {
                case 1 -> 2 + u2(bytes, position + 1); // Utf8
                case 3, 4, 9, 10, 11, 12, 17, 18 -> 4;
                case 5, 6 -> 8;
                case 7, 8, 16, 19, 20 -> 2;
                case 15 -> 3;
                default -> throw new IndexOutOfBoundsException("constant pool tag " + tag);
            };
            if (tag == 5 || tag == 6) {
                index++; // longs and doubles take two entries
            }
        }
        position += 4; // access flags, this class
        List<String> supertypes = new ArrayList<>();
        int superclass = u2(bytes, position);
        if (superclass != 0) {
            supertypes.add(className(bytes, offsets, superclass));
        }
        int interfaces = u2(bytes, position + 2);
        for (int i = 0; i < interfaces; i++) {
            supertypes.add(className(bytes, offsets, u2(bytes, position + 4 + 2 * i)));
        }
        List<String> made = new ArrayList<>();
        for (int nameAndType : dynamic) {
            String descriptor = utf8(bytes, offsets[u2(bytes, offsets[nameAndType] + 2)]);
            int returned = descriptor.lastIndexOf(")L");
            if (returned >= 0 && descriptor.endsWith(";")) {
                made.add(descriptor.substring(returned + 2, descriptor.length() - 1));
            }
        }
        return new ClassHeader(supertypes, made);
    }

    private static String className(byte[] bytes, int[] offsets, int classIndex) {
        return utf8(bytes, offsets[u2(bytes, offsets[classIndex])]);
    }

    private static String utf8(byte[] bytes, int at) {
        // Class names are plain ASCII in practice; modified UTF-8 differs from UTF-8 only for NUL and
        // supplementary characters, which no class name the JVM loads contains.
        return new String(bytes, at + 2, u2(bytes, at), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static int u4(byte[] bytes, int at) {
        return (u2(bytes, at) << 16) | u2(bytes, at + 2);
    }
}
