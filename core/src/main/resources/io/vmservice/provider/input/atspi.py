"""Answers accessibility (AT-SPI2) queries about the desktop it runs on, for as long as it runs.

Started once per sandbox by the VM Service SDK, it reads requests on standard input framed as the
sandbox's input helper reads them (io.vmservice.provider.input.InputHelper): a marker line, then
"SEQ ARGC\\0" and ARGC NUL-ended arguments. Each answer is "MARKER run SEQ\\n", the output, then
"\\nMARKER end SEQ\\n" on standard error and "\\nMARKER end SEQ STATUS\\n" on standard output.

A request is: vmservice-atspi MODE QUERY_JSON
  find  QUERY -> {"elements": [element, ...]} of the showing elements
  tree  QUERY -> {"windows": [node, ...]}, each node with its showing children
QUERY: {"window": str|null, "role": str|null, "fresh": bool}: only windows whose title contains
window, only elements of that role (find). Names and states are matched by the caller; fresh asks
for a walk even when the tree has not changed.
Status 3 with a message on standard error when AT-SPI's bindings are missing, 4 when there is no
bus, 2 for a request it does not understand, 126 for another program's request.

Unchanged polls: every AT-SPI event that can change an answer (children, states, names, text,
windows, extents) counts one change. An answer is kept with the count its walk started at; the
same query asked again while the count has not moved is answered from it, after one call to
each of its windows: the reply comes after every event the window's application sent before it,
so those have been counted, and the window's extent must be where it was. The registry's list of
applications is read again only after it says one came or went.
"""
import json
import os
import sys
import time

PROGRAM = "vmservice-atspi"
FAILED, BAD_REQUEST, MISSING_BINDINGS, NO_BUS, NOT_OURS = 1, 2, 3, 4, 126
EVENTS = (
    "object:children-changed",
    "object:state-changed",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:property-change:accessible-role",
    "object:property-change:accessible-parent",
    "object:text-changed",
    "object:bounds-changed",
    "object:visible-data-changed",
    "window:create",
    "window:destroy",
    "window:activate",
    "window:deactivate",
    "window:minimize",
    "window:restore",
)
# Applications learn of a new listener from the registry a moment after it registers; answers of
# walks started before then are not kept.
LISTENING_SETTLES_S = 1.0
# A window's subtree is walked only through showing nodes; no app is asked more than this.
MAX_NODES = 5000
STATE_NAMES = ("enabled", "sensitive", "focused", "focusable", "checked", "selected", "editable", "active",
               "expanded", "visible", "showing")


def write(fd, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    while data:
        data = data[os.write(fd, data):]


class Requests:
    """Splits the bytes of standard input into the marker and complete requests."""

    def __init__(self):
        self.buffer = b""
        self.marker = None
        self.current = None

    def feed(self, data):
        self.buffer += data
        complete = []
        while True:
            if self.marker is None:
                end = self.buffer.find(b"\n")
                if end < 0:
                    return complete
                self.marker = self.buffer[:end].decode("ascii").strip()
                self.buffer = self.buffer[end + 1:]
                continue
            end = self.buffer.find(b"\0")
            if end < 0:
                return complete
            field, self.buffer = self.buffer[:end], self.buffer[end + 1:]
            if self.current is None:
                seq, count = field.decode("ascii").split(" ")
                self.current = (seq, int(count), [])
            else:
                self.current[2].append(field.decode("utf-8", "replace"))
            if len(self.current[2]) == self.current[1]:
                complete.append((self.current[0], self.current[2]))
                self.current = None


def answer(marker, seq, handle, args):
    write(1, "%s run %s\n" % (marker, seq))
    if not args or args[0] != PROGRAM:
        status, out, err = NOT_OURS, "", "not an accessibility request: %s\n" % (args[0] if args else "")
    else:
        try:
            status, out, err = handle(args[1:])
        except Exception as error:  # the next request gets a fresh walk; this one says why it failed
            status, out, err = FAILED, "", "%s: %s\n" % (type(error).__name__, error)
    write(1, out)
    write(2, err)
    write(2, "\n%s end %s\n" % (marker, seq))
    write(1, "\n%s end %s %d\n" % (marker, seq, status))


def serve_refusals(status, message):
    """Without bindings or a bus every request gets the same answer; the helper stays, as cheap to ask."""
    requests = Requests()
    while True:
        data = os.read(0, 65536)
        if not data:
            return
        for seq, args in requests.feed(data):
            answer(requests.marker, seq, lambda _: (status, "", message + "\n"), args)


class Tree:
    """Reads windows and their showing elements through libatspi."""

    def __init__(self, atspi):
        self.atspi = atspi
        self.showing = atspi.StateType.SHOWING
        self.states = [(name, getattr(atspi.StateType, name.upper())) for name in STATE_NAMES]
        self.roles = [atspi.Role(value) for value in range(int(atspi.Role.LAST_DEFINED))]
        self.rules = {}
        self.desktop = atspi.get_desktop(0)
        self.apps = None

    def applications(self):
        """The registered applications, listed again after the registry said one came or went."""
        if self.apps is None:
            self.apps = [self.desktop.get_child_at_index(i) for i in range(self.desktop.get_child_count())]
        return self.apps

    def states_of(self, node):
        state_set = node.get_state_set()
        return [name for name, state in self.states if state_set.contains(state)]

    def box_of(self, node):
        try:
            extents = node.get_extents(self.atspi.CoordType.SCREEN)
            return [extents.x, extents.y, extents.width, extents.height]
        except Exception:
            return None

    def text_of(self, node):
        try:
            if "Text" not in node.get_interfaces():
                return None
            return self.atspi.Text.get_text(node, 0, -1)  # -1: to the end, one call fewer
        except Exception:
            return None

    def describe(self, node, window, app, box=None):
        return {
            "role": node.get_role_name(),
            "name": node.get_name() or "",
            "states": self.states_of(node),
            "box": box or self.box_of(node),
            "window": window,
            "app": app,
            "text": self.text_of(node),
        }

    def windows(self, query):
        for app in self.applications():
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
                if not state_set.contains(self.showing):
                    continue
                if query.get("window") and query["window"] not in title:
                    continue
                yield app_name, title, window

    def showing_children(self, node):
        """The node's children that show on the screen; none for a node that went away meanwhile."""
        try:
            children = [node.get_child_at_index(k) for k in range(node.get_child_count())]
            return [child for child in children if child is not None and child.get_state_set().contains(self.showing)]
        except Exception:
            return []

    def find(self, query, seen_windows):
        role = query.get("role")
        rule = self.rule(role)
        elements = []
        for app, title, window in self.windows(query):
            box = self.box_of(window)
            seen_windows.append((window, box))
            try:
                if role is None or window.get_role_name() == role:
                    elements.append(self.describe(window, title, app, box))
                nodes = self.showing_descendants(window, rule)
            except Exception:
                continue  # the window went away while it was read: the next read will not see it
            for node in nodes:
                try:
                    # Without a rule for the role (a name libatspi does not know) every node comes.
                    if role is None or rule is not None or node.get_role_name() == role:
                        elements.append(self.describe(node, title, app))
                except Exception:
                    pass  # the element went away while it was read
        return {"elements": elements}

    def rule(self, role):
        """Showing elements of the role (any role when None); None for a role libatspi does not know."""
        if role not in self.rules:
            every, any_of = self.atspi.CollectionMatchType.ALL, self.atspi.CollectionMatchType.ANY
            roles = [] if role is None else [r for r in self.roles if self.atspi.role_get_name(r) == role]
            self.rules[role] = None if role is not None and not roles else self.atspi.MatchRule.new(
                self.atspi.StateSet.new([self.showing]), every, {}, every, roles, any_of, [], every, False)
        return self.rules[role]

    def showing_descendants(self, window, rule):
        """In the tree's order; one Collection call for them all where the toolkit has it (GTK, Firefox,
        Java's wrapper: ATK's bridge), a walk through showing children otherwise."""
        try:
            return self.atspi.Collection.get_matches(window, rule or self.rule(None),
                                                     self.atspi.CollectionSortOrder.CANONICAL, MAX_NODES, True)
        except Exception:
            return self.walk(window)

    def walk(self, window):
        nodes = []
        stack = self.showing_children(window)[::-1]
        while stack and len(nodes) < MAX_NODES:
            node = stack.pop()
            nodes.append(node)
            stack.extend(reversed(self.showing_children(node)))
        return nodes

    def tree(self, query, seen_windows):
        trees = []
        for app, title, window in self.windows(query):
            try:
                described = self.subtree(window, title, app, [MAX_NODES])
            except Exception:
                continue
            seen_windows.append((window, described["box"]))
            trees.append(described)
        return {"windows": trees}

    def subtree(self, node, window, app, budget):
        described = self.describe(node, window, app)
        children = []
        for child in self.showing_children(node):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            try:
                children.append(self.subtree(child, window, app, budget))
            except Exception:
                pass
        described["children"] = children
        return described


class Answered:
    """A query's answer, the change count its walk started at, and its windows with their extents."""

    def __init__(self, changes, windows, text):
        self.changes = changes
        self.windows = windows
        self.text = text


class Server:
    """Answers requests from a GLib main loop, which also delivers the events that count changes."""

    def __init__(self, atspi, glib):
        self.atspi = atspi
        self.glib = glib
        atspi.init()
        self.tree = Tree(atspi)
        self.changes = 0
        self.answered = {}
        self.requests = Requests()
        self.queue = []
        self.busy = False
        self.loop = glib.MainLoop()
        self.listener = atspi.EventListener.new(self.changed)
        for event in EVENTS:
            self.listener.register(event)
        self.listening_since = time.monotonic()

    def changed(self, event, *_):
        self.changes += 1
        if event.source == self.tree.desktop:
            self.tree.apps = None  # the registry's children: an application registered or left

    def run(self):
        channel = self.glib.IOChannel.unix_new(0)
        self.glib.io_add_watch(channel, self.glib.PRIORITY_DEFAULT,
                               self.glib.IOCondition.IN | self.glib.IOCondition.HUP, self.readable)
        self.loop.run()

    def readable(self, channel, condition):
        data = os.read(0, 65536)
        if not data:
            self.loop.quit()
            return False
        self.queue.extend(self.requests.feed(data))
        if not self.busy:
            # Requests read while one is answered (the events drained meanwhile) wait for it to end.
            self.busy = True
            try:
                while self.queue:
                    seq, args = self.queue.pop(0)
                    answer(self.requests.marker, seq, self.handle, args)
            finally:
                self.busy = False
        return True

    def drain(self):
        """Delivers the events already received, so that they are counted."""
        context = self.glib.MainContext.default()
        while context.iteration(False):
            pass

    def handle(self, args):
        if len(args) != 2 or args[0] not in ("find", "tree"):
            return BAD_REQUEST, "", "usage: %s find|tree QUERY_JSON\n" % PROGRAM
        mode, text = args
        query = json.loads(text)
        self.drain()
        key = (mode, text)
        kept = self.answered.get(key)
        if kept is not None and not query.get("fresh") and self.unchanged(kept):
            return 0, kept.text, "unchanged since change %d: answered without a walk\n" % kept.changes
        changes = self.changes
        started = time.monotonic()
        windows = []
        result = self.tree.find(query, windows) if mode == "find" else self.tree.tree(query, windows)
        out = json.dumps(result, ensure_ascii=False)
        self.drain()
        # Kept only when no event came during the walk, which may have read half of a change.
        if windows and self.changes == changes and started - self.listening_since >= LISTENING_SETTLES_S:
            self.answered = {k: v for k, v in self.answered.items() if v.changes == changes}
            self.answered[key] = Answered(changes, windows, out)
        return 0, out, ""

    def unchanged(self, kept):
        if kept.changes != self.changes:
            return False
        for window, box in kept.windows:
            if box is None or self.tree.box_of(window) != box:
                return False
        self.drain()
        return kept.changes == self.changes


def main():
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi, GLib
    except (ImportError, ValueError) as missing:
        serve_refusals(MISSING_BINDINGS,
                       "AT-SPI's Python bindings are missing (%s): apt-get install -y python3-pyatspi" % missing)
        return
    if not (os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.environ.get("AT_SPI_BUS_ADDRESS")):
        serve_refusals(NO_BUS, "no session bus: DBUS_SESSION_BUS_ADDRESS is not set in this sandbox's commands")
        return
    Server(Atspi, GLib).run()


if __name__ == "__main__":
    main()
