package dev.jobstate.core.engine;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Where an account comes from: an {@code @Account} parameter or field and the path on its value. */
record AccountSource(String where, int parameter, Field field, PropertyPath path) {

    /** The {@code @Account} fields of a class, its own first, then its superclasses'. */
    private static final ClassValue<List<AccountSource>> FIELDS = new ClassValue<>() {
        @Override
        protected List<AccountSource> computeValue(Class<?> type) {
            List<AccountSource> found = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Annotation account = Annotations.find(field.getAnnotations(), Annotations.ACCOUNT);
                    if (account != null && !Modifier.isStatic(field.getModifiers())) {
                        found.add(new AccountSource("field " + c.getName() + "." + field.getName(), -1,
                                field, PropertyPath.parse(Annotations.text(account, "value"))));
                    }
                }
            }
            return List.copyOf(found);
        }
    };

    /** The first {@code @Account} parameter's source, or null when there is none. */
    static AccountSource ofParameters(Annotation[][] parameterAnnotations, String methodName) {
        for (int i = 0; i < parameterAnnotations.length; i++) {
            Annotation account = Annotations.find(parameterAnnotations[i], Annotations.ACCOUNT);
            if (account != null) {
                return new AccountSource("argument " + i + " of " + methodName, i, null,
                        PropertyPath.parse(Annotations.text(account, "value")));
            }
        }
        return null;
    }

    /** The {@code @Account} field that names the account of {@code self}, or null. */
    static AccountSource ofFields(Class<?> type) {
        List<AccountSource> fields = FIELDS.get(type);
        return fields.isEmpty() ? null : fields.get(0);
    }

    /** The account text, never null or blank. */
    String read(Object self, Object[] args) throws Unresolvable {
        Object root;
        if (field != null) {
            try {
                field.setAccessible(true);
                root = field.get(self);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new Unresolvable("cannot read the @Account " + where + ": " + e.getMessage());
            }
        } else {
            root = args[parameter];
        }
        Object value = path.resolve(root, where);
        if (value == null) {
            throw new Unresolvable("the @Account " + where + (path.isEmpty() ? "" : ", property " + path + ",") + " is null");
        }
        if (IdentityText.is(value)) {
            throw new Unresolvable(IdentityText.explain("the @Account " + where
                    + (path.isEmpty() ? "" : ", property " + path + ","), value,
                    "give it a toString() of its own, or name a property: @Account(\"email\")"));
        }
        String account = value.toString();
        if (account == null || account.isBlank()) {
            throw new Unresolvable("the @Account " + where + (path.isEmpty() ? "" : ", property " + path + ",") + " is blank");
        }
        return account;
    }
}
