package dev.jobstate.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The direct supertypes a class file names (its superclass and interfaces, as internal names like
 * {@code com/example/Bot}), read from its constant pool without parsing the rest: what deciding
 * whether a class inherits an {@code @Activity} needs, at about the cost of scanning its bytes once.
 */
final class ClassHeader {

    private ClassHeader() {
    }

    /** @return the supertypes' internal names, or an empty list for bytes that are not a class file */
    static List<String> supertypes(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IndexOutOfBoundsException e) {
            return List.of();
        }
    }

    private static List<String> read(byte[] bytes) {
        if (bytes.length < 10 || u4(bytes, 0) != 0xCAFEBABE) {
            return List.of();
        }
        int count = u2(bytes, 8);
        int[] offsets = new int[count]; // where each entry's content starts, after its tag
        int position = 10;
        for (int index = 1; index < count; index++) {
            int tag = bytes[position] & 0xFF;
            offsets[index] = position + 1;
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
        List<String> names = new ArrayList<>();
        int superclass = u2(bytes, position);
        if (superclass != 0) {
            names.add(className(bytes, offsets, superclass));
        }
        int interfaces = u2(bytes, position + 2);
        for (int i = 0; i < interfaces; i++) {
            names.add(className(bytes, offsets, u2(bytes, position + 4 + 2 * i)));
        }
        return names;
    }

    private static String className(byte[] bytes, int[] offsets, int classIndex) {
        int utf8 = offsets[u2(bytes, offsets[classIndex])];
        // Class names are plain ASCII in practice; modified UTF-8 differs from UTF-8 only for NUL and
        // supplementary characters, which no JVM class name the JDK loads contains.
        return new String(bytes, utf8 + 2, u2(bytes, utf8), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static int u4(byte[] bytes, int at) {
        return (u2(bytes, at) << 16) | u2(bytes, at + 2);
    }
}
