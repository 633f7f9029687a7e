package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.desktop.Desktop;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of seed names on {@link VmServiceClient} and DSL names on {@link Desktop}
 * names only methods that exist, with as many arguments as it shows: the table and the code
 * cannot drift apart.
 */
class ApiTableTest {

    private static final String HEADER =
            "| `VmServiceClient` (the seed's names) | `Desktop` (the DSL's names) | what, and the defaults both use |";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern CALL = Pattern.compile("(\\w+)\\(([^()]*)\\)");

    @Test
    void everyOperationInTheTableExistsOnBothTypes() {
        List<List<String>> rows = Readme.table(HEADER);
        assertThat(rows).as("the table's rows").hasSizeGreaterThanOrEqualTo(20);
        List<String> missing = new ArrayList<>();
        for (List<String> row : rows) {
            assertThat(row).as("a row of three cells: " + row).hasSize(3);
            List<String> clientCalls = calls(row.get(0));
            List<String> desktopCalls = calls(row.get(1));
            assertThat(clientCalls).as("client names in " + row).isNotEmpty();
            assertThat(desktopCalls).as("DSL names in " + row).isNotEmpty();
            clientCalls.forEach(call -> check(VmServiceClient.class, call, missing));
            desktopCalls.forEach(call -> check(Desktop.class, call, missing));
        }
        assertThat(missing).as("methods the README's API table names but the code lacks").isEmpty();
    }

    @Test
    void theCheckFindsAMethodThatIsNotThere() {
        List<String> missing = new ArrayList<>();
        check(Desktop.class, "hover(x, y)", missing);
        check(Desktop.class, "move(x)", missing);
        check(Desktop.class, "files().delete(path)", missing);
        check(VmServiceClient.class, "moveMouse(id, x, y)", missing);
        assertThat(missing).containsExactly("Desktop.hover(x, y)", "Desktop.move(x)", "Desktop.files().delete(path)");
    }

    /** The code spans of a cell: {@code `click(x, y)`, `rightClick(x, y)`}. */
    private static List<String> calls(String cell) {
        List<String> calls = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            calls.add(m.group(1));
        }
        return calls;
    }

    /** Follows a chain of calls such as {@code files().read(path)} from {@code type}, by name and argument count. */
    private static void check(Class<?> type, String chain, List<String> missing) {
        Matcher m = CALL.matcher(chain);
        Class<?> current = type;
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && chain.charAt(end) == '.')) {
                break;
            }
            end = m.end();
            Method method = find(current, m.group(1), arguments(m.group(2)));
            if (method == null) {
                missing.add(type.getSimpleName() + "." + chain);
                return;
            }
            current = method.getReturnType();
        }
        if (end != chain.length()) {
            throw new AssertionError("\"" + chain + "\" in the README's API table is not a call such as move(x, y)");
        }
    }

    private static int arguments(String list) {
        return list.isBlank() ? 0 : list.split(",").length;
    }

    private static Method find(Class<?> type, String name, int arguments) {
        return Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().equals(name))
                .filter(m -> m.getParameterCount() == arguments
                        || m.isVarArgs() && arguments >= m.getParameterCount() - 1)
                .findFirst().orElse(null);
    }
}
