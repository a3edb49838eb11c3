package io.bugmaster.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * The tables a compiled class names in SQL. Every string constant of the class is read from its
 * bytecode (literals and text blocks, constant fields, the fixed parts of string concatenations and
 * {@code formatted} templates), so SQL is found wherever it is written, not only in stores; a table
 * is what follows an upper-case {@code FROM} (each of a comma list), {@code JOIN}, {@code INTO},
 * {@code UPDATE} or {@code TABLE}.
 */
final class SqlTableReferences {
    private static final String NAME = "[a-z_][a-z0-9_]*";
    private static final Pattern KEYWORD_TABLE = Pattern.compile("\\b(?:JOIN|INTO|UPDATE|TABLE)\\s+(" + NAME + ")");
    /** {@code FROM a x, b AS y, c}: aliases are lower case, keywords upper case, so an alias never swallows a keyword. */
    private static final Pattern FROM_LIST = Pattern.compile(
            "\\bFROM\\s+(" + NAME + "(?:\\s+(?:AS\\s+)?" + NAME + ")?(?:\\s*,\\s*" + NAME + "(?:\\s+(?:AS\\s+)?" + NAME + ")?)*)");
    private static final Pattern FROM_ITEM = Pattern.compile("(?:^|,)\\s*(" + NAME + ")");

    private SqlTableReferences() {}

    /** One table named in one string constant of a class. */
    record Reference(String className, String table, String sql) {}

    /** The names of tables among {@code tables} that the class's string constants name in SQL. */
    static List<Reference> of(JavaClass javaClass, Set<String> tables) {
        List<Reference> found = new ArrayList<>();
        for (String constant : stringConstants(javaClass)) {
            for (String table : tablesIn(constant)) {
                if (tables.contains(table)) {
                    found.add(new Reference(javaClass.getName(), table, constant));
                }
            }
        }
        return found;
    }

    /** The table names a piece of SQL names (known or not). */
    static Set<String> tablesIn(String sql) {
        Set<String> names = new LinkedHashSet<>();
        Matcher keyword = KEYWORD_TABLE.matcher(sql);
        while (keyword.find()) {
            names.add(keyword.group(1));
        }
        Matcher from = FROM_LIST.matcher(sql);
        while (from.find()) {
            Matcher item = FROM_ITEM.matcher(from.group(1));
            while (item.find()) {
                names.add(item.group(1));
            }
        }
        return names;
    }

    static Set<String> stringConstants(JavaClass javaClass) {
        var source = javaClass.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return stringConstants(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source.getUri(), e);
        }
    }

    static Set<String> stringConstants(byte[] classFile) {
        Set<String> constants = new LinkedHashSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                add(value);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        add(value);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            add(argument); // the recipe of a string concatenation holds its fixed parts
                        }
                    }
                };
            }

            private void add(Object value) {
                if (value instanceof String s) {
                    constants.add(s);
                }
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return constants;
    }
}
