"""Reads the accessibility tree (AT-SPI2) of the desktop it runs on and prints it as JSON.

Run inside a sandbox by the VM Service SDK: python3 atspi.py MODE QUERY_JSON
  find  QUERY -> {"elements": [element, ...]} of the showing elements matching QUERY
  tree  QUERY -> {"windows": [node, ...]}, each node with its showing children
QUERY: {"window": str|null}. Roles and names are matched by the caller.
Exit 3 with a message on stderr when AT-SPI's bindings are missing, 4 when there is no bus.
"""
import json
import os
import sys

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as missing:
    sys.stderr.write("AT-SPI's Python bindings are missing (%s): apt-get install -y python3-pyatspi\n" % missing)
    sys.exit(3)

if not (os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.environ.get("AT_SPI_BUS_ADDRESS")):
    sys.stderr.write("no session bus: DBUS_SESSION_BUS_ADDRESS is not set in this sandbox's commands\n")
    sys.exit(4)

SHOWING = Atspi.StateType.SHOWING
STATES = {
    "enabled": Atspi.StateType.ENABLED,
    "sensitive": Atspi.StateType.SENSITIVE,
    "focused": Atspi.StateType.FOCUSED,
    "focusable": Atspi.StateType.FOCUSABLE,
    "checked": Atspi.StateType.CHECKED,
    "selected": Atspi.StateType.SELECTED,
    "editable": Atspi.StateType.EDITABLE,
    "active": Atspi.StateType.ACTIVE,
    "expanded": Atspi.StateType.EXPANDED,
    "visible": Atspi.StateType.VISIBLE,
    "showing": SHOWING,
}
# A window's subtree is walked only through showing nodes; no app is asked more than this.
MAX_NODES = 5000


def states_of(node):
    state_set = node.get_state_set()
    return [name for name, state in STATES.items() if state_set.contains(state)]


def box_of(node):
    try:
        extents = node.get_extents(Atspi.CoordType.SCREEN)
        return [extents.x, extents.y, extents.width, extents.height]
    except Exception:
        return None


def text_of(node):
    try:
        if "Text" not in node.get_interfaces():
            return None
        return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    except Exception:
        return None


def describe(node, window, app):
    return {
        "role": node.get_role_name(),
        "name": node.get_name() or "",
        "states": states_of(node),
        "box": box_of(node),
        "window": window,
        "app": app,
        "text": text_of(node),
    }


def windows(query):
    desktop = Atspi.get_desktop(0)
    for app in [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]:
        try:
            app_name = app.get_name() or ""
            app_windows = [app.get_child_at_index(j) for j in range(app.get_child_count())]
        except Exception:
            continue  # an application that quit while it was listed
        for window in app_windows:
            try:
                state_set = window.get_state_set()
                title = window.get_name() or ""
            except Exception:
                continue
            if not state_set.contains(SHOWING):
                continue
            if query.get("window") and query["window"] not in title:
                continue
            yield app_name, title, window


def showing_children(node):
    """The node's children that show on the screen; none for a node that went away meanwhile."""
    try:
        children = [node.get_child_at_index(k) for k in range(node.get_child_count())]
        return [child for child in children if child is not None and child.get_state_set().contains(SHOWING)]
    except Exception:
        return []


def showing_descendants(window):
    stack = [window]
    seen = 0
    while stack and seen < MAX_NODES:
        node = stack.pop()
        seen += 1
        yield node
        stack.extend(reversed(showing_children(node)))


def find(query):
    elements = []
    for app, title, window in windows(query):
        for node in showing_descendants(window):
            try:
                elements.append(describe(node, title, app))
            except Exception:
                pass  # the element went away while it was read: the next read will not see it
    return {"elements": elements}


def subtree(node, window, app, budget):
    described = describe(node, window, app)
    children = []
    for child in showing_children(node):
        if budget[0] <= 0:
            break
        budget[0] -= 1
        try:
            children.append(subtree(child, window, app, budget))
        except Exception:
            pass
    described["children"] = children
    return described


def tree(query):
    trees = []
    for app, title, window in windows(query):
        try:
            trees.append(subtree(window, title, app, [MAX_NODES]))
        except Exception:
            pass
    return {"windows": trees}


def main():
    mode, query = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    result = {"find": find, "tree": tree}[mode](query)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
