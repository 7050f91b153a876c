package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Activities of every return type and of the shapes of code whose stack map frames a weaver can get
 * wrong (loops, handlers, finally, switches, merged types, wide locals), for {@link WovenCodeTest}:
 * it runs each as compiled and as woven, and compares.
 */
public class WovenShapes {

    public int runs;

    @Activity(type = "t")
    public void nothing() {
        runs++;
    }

    @Activity(type = "t")
    public boolean yes(boolean b) {
        runs++;
        return !b;
    }

    @Activity(type = "t")
    public byte aByte(byte b) {
        return (byte) (b + 1);
    }

    @Activity(type = "t")
    public char aChar(char c) {
        return (char) (c + 1);
    }

    @Activity(type = "t")
    public short aShort(short s) {
        return (short) (s * 2);
    }

    @Activity(type = "t")
    public int counted(int n) {
        runs++;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    @Activity(type = "t")
    public long wide(long a, double b, int c) {
        long local = a;
        double more = b * 2;
        return local + (long) more + c;
    }

    @Activity(type = "t")
    public float aFloat(float f) {
        return f / 2;
    }

    @Activity(type = "t")
    public double aDouble(double d, long l) {
        return d + l;
    }

    @Activity(type = "t")
    public static String join(String a, String b) {
        return a + "+" + b;
    }

    @Activity(type = "t")
    public int[] numbers(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i * i;
        }
        return all;
    }

    @Activity(type = "t")
    public AbstractList<String> merged(boolean linked) {
        AbstractList<String> list = linked ? new LinkedList<>() : new ArrayList<>();
        list.add(linked ? "linked" : "array");
        return list;
    }

    @Activity(type = "t")
    public List<String> either(int which) {
        List<String> chosen;
        if (which > 0) {
            chosen = new LinkedList<>();
        } else {
            chosen = new ArrayList<>();
        }
        chosen.add("x" + which);
        return chosen;
    }

    @Activity(type = "t")
    public String switched(String key) {
        switch (key) {
            case "a":
                return "first";
            case "b":
                return "second";
            default:
                String other = key.toUpperCase();
                return other;
        }
    }

    @Activity(type = "t")
    public String handled(String input) {
        StringBuilder trace = new StringBuilder();
        try {
            trace.append("try;");
            if (input == null) {
                throw new IllegalArgumentException("no input");
            }
            return trace.append(Integer.parseInt(input)).toString();
        } catch (NumberFormatException e) {
            return trace.append("nan").toString();
        } finally {
            trace.append("finally");
            runs++;
        }
    }

    @Activity(type = "t")
    public synchronized int locked(int n) {
        synchronized (this) {
            return n + runs;
        }
    }

    @Activity(type = "t")
    public int lambda(int n) {
        IntSupplier twice = () -> n * 2;
        return twice.getAsInt();
    }

    /** Assigns its own parameters, then fails while {@code fail} is set: a retry must see them as called. */
    @Activity(type = "t")
    public String reassigns(String s, long n, boolean fail) {
        runs++;
        s = s + "!";
        n = n * 10;
        if (fail) {
            throw new IllegalStateException(s + n);
        }
        return s + n;
    }

    @Activity(type = "t")
    public int fails(int n) throws IOException {
        runs++;
        throw new IOException("failed " + n);
    }

    @Activity(type = "t")
    public <T extends Comparable<T>> T generic(T a, T b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public int scoped(@Account String account, int n) {
        return counted(n) + account.length();
    }

    @Activity(type = "t")
    public String both(@Account String account, long n) {
        if (n < 0) {
            throw new IllegalArgumentException(account);
        }
        return account + n;
    }

    public int untouched(int n) {
        return n * 3;
    }
}
