package io.vmservice.desktop;

import java.util.List;

/** An element of the accessibility tree with its showing children, as {@link Desktop#accessibilityTree()} lists it. */
public record AccessibleNode(AccessibleElement element, List<AccessibleNode> children) {

    public AccessibleNode {
        children = List.copyOf(children);
    }

    /** The tree as indented lines, one element a line: what to read when writing a locator. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out, 0);
        return out.toString();
    }

    private void render(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append(element.summary()).append('\n');
        for (AccessibleNode child : children) {
            child.render(out, depth + 1);
        }
    }

    @Override
    public String toString() {
        return render();
    }
}
