"""The sandbox end of a vmservice input channel, speaking X's XTEST extension directly.

Started by the channel's bash script as python3 -S -c SOURCE NAME, once python3 -S -c SOURCE --check
has loaded libX11 and libXtst and exited 0. It speaks the bash helper's protocol exactly: the first input
line is a marker; a request is "SEQ ARGC\\0" and ARGC arguments, each ended by NUL; before running
it prints "MARKER run SEQ\\n", after it "\\nMARKER end SEQ\\n" on stderr and
"\\nMARKER end SEQ STATUS\\n" on stdout.

The xdotool commands the SDK sends for input (mousemove, click, mousedown, mouseup, key, keydown,
keyup, type, with the options it uses) are done here with xdotool's own algorithm and timing, in
one X connection kept open, so an action costs an X round trip instead of a process start. Every
other command, and any argument this agent does not fully understand, runs as a program exactly as
the bash helper runs it, so its output, errors and exit status are xdotool's own.
"""
import ctypes
import os
import select
import signal
import sys
import time

PROGRAMS = (b"xdotool", b"xrandr")
# Characters typed through a temporarily bound keycode keep it until the agent has been idle this
# long, so the application has read the keymap before it is restored.
RESTORE_AFTER_IDLE_SECONDS = 1.0
# A bound keycode is bound again to another keysym only this long after its last press, for the same reason.
REBIND_AFTER_SECONDS = 0.2
CLICK_PRESS_SECONDS = 12e-6  # xdotool's DEFAULT_DELAY between a button's press and release

# xdotool's own aliases, matched without regard to case, before XStringToKeysym.
ALIASES = {"alt": "Alt_L", "ctrl": "Control_L", "control": "Control_L", "meta": "Meta_L",
           "super": "Super_L", "shift": "Shift_L"}
NOT_IN_KEY_SEQUENCE = set(" \t\n.-[]{}\\|")
SHIFT_MASK = 1


class Key(object):
    """A keycode and the modifiers that select the wanted keysym on it (xdotool's charcodemap)."""
    __slots__ = ("code", "mods", "keysym")

    def __init__(self, code, mods, keysym):
        self.code = code
        self.mods = mods
        self.keysym = keysym


class XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


class XModifierKeymap(ctypes.Structure):
    _fields_ = [("max_keypermod", ctypes.c_int), ("modifiermap", ctypes.POINTER(ctypes.c_ubyte))]


ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(XErrorEvent))


class Xlib(object):
    """The few functions of libX11 and libXtst the agent calls."""

    def __init__(self):
        x11 = ctypes.CDLL("libX11.so.6")
        xtst = ctypes.CDLL("libXtst.so.6")
        d, i, u, ul = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong
        self._bind(x11, "XOpenDisplay", d, ctypes.c_char_p)
        self._bind(x11, "XDefaultRootWindow", ul, d)
        self._bind(x11, "XSetErrorHandler", d, ERROR_HANDLER)
        self._bind(x11, "XSync", i, d, i)
        self._bind(x11, "XFlush", i, d)
        self._bind(x11, "XPending", i, d)
        self._bind(x11, "XNextEvent", i, d, d)
        self._bind(x11, "XFree", i, d)
        self._bind(x11, "XWarpPointer", i, d, ul, ul, i, i, u, u, i, i)
        self._bind(x11, "XGetPointerMapping", i, d, d, i)
        self._bind(x11, "XDisplayKeycodes", i, d, ctypes.POINTER(i), ctypes.POINTER(i))
        self._bind(x11, "XGetKeyboardMapping", ctypes.POINTER(ul), d, ctypes.c_ubyte, i, ctypes.POINTER(i))
        self._bind(x11, "XChangeKeyboardMapping", i, d, i, i, ctypes.POINTER(ul), i)
        self._bind(x11, "XGetModifierMapping", ctypes.POINTER(XModifierKeymap), d)
        self._bind(x11, "XFreeModifiermap", i, ctypes.POINTER(XModifierKeymap))
        self._bind(x11, "XStringToKeysym", ul, ctypes.c_char_p)
        self._bind(xtst, "XTestQueryExtension", i, d, ctypes.POINTER(i), ctypes.POINTER(i), ctypes.POINTER(i),
                   ctypes.POINTER(i))
        self._bind(xtst, "XTestFakeButtonEvent", i, d, u, i, ul)
        self._bind(xtst, "XTestFakeKeyEvent", i, d, u, i, ul)

    def _bind(self, library, name, restype, *argtypes):
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
        setattr(self, name, function)


class Keymap(object):
    """The server's keyboard and modifier mapping, read fresh for each command, as xdotool reads it."""

    def __init__(self, x, display):
        low, high, per = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        x.XDisplayKeycodes(display, ctypes.byref(low), ctypes.byref(high))
        count = high.value - low.value + 1
        symbols = x.XGetKeyboardMapping(display, low.value, count, ctypes.byref(per))
        flat = symbols[:count * per.value]
        x.XFree(symbols)
        self.codes = {}
        for index in range(count):
            self.codes[low.value + index] = tuple(flat[index * per.value:(index + 1) * per.value])

        modifiers = x.XGetModifierMapping(display)
        width = modifiers.contents.max_keypermod
        row = modifiers.contents.modifiermap[:8 * width]
        x.XFreeModifiermap(modifiers)
        self.modifier_key = [0] * 8  # the keycode xdotool presses for each modifier bit
        modifier_of = {}
        for bit in range(8):
            for code in row[bit * width:(bit + 1) * width]:
                if code:
                    if not self.modifier_key[bit]:
                        self.modifier_key[bit] = code
                    modifier_of.setdefault(code, 1 << bit)

        self.by_keysym = {}
        self.by_char = {}
        self.empty = []
        for code, keysyms in self.codes.items():
            if not any(keysyms):
                self.empty.append(code)
            for level, keysym in enumerate(keysyms[:2]):
                if not keysym or (level == 1 and not shifted_level(keysym)):
                    continue
                self.by_keysym.setdefault(keysym, Key(code, (SHIFT_MASK if level else 0) | modifier_of.get(code, 0),
                                                      keysym))
                char = char_of(keysym)
                if char is not None:
                    self.by_char.setdefault(char, keysym)


def shifted_level(keysym):
    """True for keysyms that a key's second level gives with Shift (not keypad, function or F keys)."""
    return char_of(keysym) is not None or 0xffe1 <= keysym <= 0xffee or keysym == 0xfe20


def char_of(keysym):
    if 0x20 <= keysym <= 0x7e or 0xa0 <= keysym <= 0xff:
        return chr(keysym)
    if 0x1000100 <= keysym <= 0x110ffff:
        return chr(keysym - 0x1000000)
    if keysym == 0xff09:
        return "\t"
    return None


def keysym_of_char(char):
    """xdotool's keysym for a character its keymap does not hold: Latin-1 as is, else Unicode."""
    code = ord(char)
    return code if code < 0x100 else code + 0x1000000


def typable(char):
    code = ord(char)
    return char == "\t" or (0x20 <= code < 0x7f or 0xa0 <= code <= 0x10ffff) and not 0xd800 <= code <= 0xdfff


class Desktop(object):
    """One X connection and the input actions done through it."""

    def __init__(self, x):
        self.x = x
        self.display = None
        self.failed = []
        self.bound = {}  # keycode -> keysym this agent bound
        self.last_pressed = {}  # bound keycode -> when it was last pressed
        self.pressed = set()
        self.event = ctypes.create_string_buffer(256)
        self._on_error = ERROR_HANDLER(self._error)  # kept: ctypes must not free the callback
        x.XSetErrorHandler(self._on_error)

    def _error(self, display, event):
        self.failed.append("X error %d on request %d.%d" % (event.contents.error_code, event.contents.request_code,
                                                            event.contents.minor_code))
        return 0

    def open(self):
        """The display, opened on first use; None when it cannot be opened (xdotool then reports why)."""
        if self.display is None:
            display = self.x.XOpenDisplay(None)
            dummy = ctypes.c_int()
            if display and self.x.XTestQueryExtension(display, ctypes.byref(dummy), ctypes.byref(dummy),
                                                      ctypes.byref(dummy), ctypes.byref(dummy)):
                self.display = display
                self.root = self.x.XDefaultRootWindow(display)
                self.buttons = self.x.XGetPointerMapping(display, None, 0)
        return self.display

    def finish(self):
        """Waits until the server has done every request, then drops the events it sent (keymap changes)."""
        self.x.XSync(self.display, 0)
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, self.event)
        failed, self.failed = self.failed, []
        return failed

    def flush_and_sleep(self, seconds):
        if seconds > 0:
            self.x.XFlush(self.display)
            time.sleep(seconds)

    # Pointer

    def move(self, x, y):
        self.x.XWarpPointer(self.display, 0, self.root, 0, 0, 0, 0, x, y)

    def click(self, button, repeat, delay):
        for _ in range(repeat):
            self.x.XTestFakeButtonEvent(self.display, button, 1, 0)
            self.flush_and_sleep(CLICK_PRESS_SECONDS)
            self.x.XTestFakeButtonEvent(self.display, button, 0, 0)
            # xdotool sleeps after every click, the last one too.
            self.flush_and_sleep(delay)

    def button(self, button, press):
        self.x.XTestFakeButtonEvent(self.display, button, 1 if press else 0, 0)

    # Keyboard

    def keymap(self):
        return Keymap(self.x, self.display)

    def key_for_char(self, keymap, char, planned):
        keysym = keymap.by_char.get(char)
        if keysym is None:
            keysym = keysym_of_char(char)
        return self.key_for_keysym(keymap, keysym, planned)

    def key_for_keysym(self, keymap, keysym, planned):
        key = keymap.by_keysym.get(keysym)
        if key is None:
            key = self.bind(keymap, keysym, planned)
        planned.add(key.code)
        return key

    def bind(self, keymap, keysym, planned):
        """Binds an unmapped keysym to a free keycode, as xdotool does, kept until the agent idles."""
        free = [code for code in keymap.empty if code not in planned]
        if free:
            code = free[0]
        else:
            reusable = [code for code in self.bound if code not in planned and code not in self.pressed]
            if not reusable:
                raise RuntimeError("no free keycode to type keysym 0x%x" % keysym)
            code = min(reusable, key=lambda c: self.last_pressed.get(c, 0))
            keymap.by_keysym.pop(self.bound.pop(code), None)
            self.flush_and_sleep(self.last_pressed.get(code, 0) + REBIND_AFTER_SECONDS - time.monotonic())
        self.x.XChangeKeyboardMapping(self.display, code, 2, (ctypes.c_ulong * 2)(keysym, keysym), 1)
        if code in keymap.empty:
            keymap.empty.remove(code)
        self.bound[code] = keysym
        key = Key(code, 0, keysym)
        keymap.by_keysym[keysym] = key
        return key

    def send_key(self, keymap, key, modstate, press, delay):
        """xdotool's _xdo_send_key: the modifiers the key needs, then the key, then the delay."""
        mask = modstate | key.mods
        for bit in range(8):
            if mask & (1 << bit) and keymap.modifier_key[bit]:
                self.x.XTestFakeKeyEvent(self.display, keymap.modifier_key[bit], 1 if press else 0, 0)
        self.x.XTestFakeKeyEvent(self.display, key.code, 1 if press else 0, 0)
        if press:
            self.pressed.add(key.code)
            if key.code in self.bound:
                self.last_pressed[key.code] = time.monotonic()
        else:
            self.pressed.discard(key.code)
        self.flush_and_sleep(delay)

    def restore(self):
        """Gives the keycodes this agent bound back their empty mapping."""
        if not self.bound or self.display is None:
            return
        current = self.keymap().codes
        for code, keysym in list(self.bound.items()):
            if code in self.pressed:
                continue
            if current.get(code, (0,))[0] == keysym:
                self.x.XChangeKeyboardMapping(self.display, code, 1, (ctypes.c_ulong * 1)(0), 1)
            del self.bound[code]
            self.last_pressed.pop(code, None)
        self.finish()


def options(args, known):
    """Leading '--name value' options of the known names, then the operands after an optional '--'.

    None when anything else is there, so the command runs as xdotool itself.
    """
    values = {}
    index = 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] == "--":
            return values, args[index + 1:]
        name = args[index][2:]
        if not args[index].startswith("--") or name not in known or index + 1 >= len(args):
            return None
        values[name] = args[index + 1]
        index += 2
    return values, args[index:]


def is_number(text):
    """A plain decimal number, as xdotool's atoi and strtoul read it the same way."""
    return 0 < len(text) <= 9 and text.isdigit() and text.isascii() and (text == "0" or text[0] != "0")


def milliseconds(text, default):
    if text is None:
        return default
    if not is_number(text):
        raise ValueError(text)
    return int(text) / 1000.0


class Agent(object):
    """Runs one request: natively when it is an input action it understands, else as a program."""

    def __init__(self, desktop):
        self.desktop = desktop

    def run(self, argv):
        if not argv or argv[0] not in PROGRAMS:
            name = argv[0] if argv else b""
            write(2, b"not an input program: " + name + b"\n")
            return 126
        action = None
        if argv[0] == b"xdotool" and len(argv) > 1:
            try:
                action = self.plan([arg.decode("utf-8") for arg in argv[1:]])
            except (UnicodeDecodeError, ValueError):
                action = None
        if action is None:
            return run_program(argv)
        try:
            action()
            failed = self.desktop.finish()
        except Exception as error:  # the actions' own failures: report them as xdotool would, by status
            failed = [repr(error)]
        if failed:
            write(2, ("; ".join(failed) + "\n").encode("utf-8", "replace"))
            return 1
        return 0

    def plan(self, args):
        """The native action for an xdotool command line, or None to run xdotool itself."""
        command, rest = args[0], args[1:]
        planner = {"mousemove": self.mousemove, "click": self.click, "mousedown": self.mousebutton,
                   "mouseup": self.mousebutton, "key": self.key, "keydown": self.key, "keyup": self.key,
                   "type": self.type}.get(command)
        if planner is None or self.desktop.open() is None:
            return None
        return planner(command, rest)

    def mousemove(self, command, args):
        if len(args) != 2 or not all(is_number(a[1:] if a.startswith("-") else a) for a in args):
            return None
        x, y = int(args[0]), int(args[1])
        return lambda: self.desktop.move(x, y)

    def button_number(self, text):
        if not is_number(text) or not 1 <= int(text) <= self.desktop.buttons:
            return None
        return int(text)

    def click(self, command, args):
        parsed = options(args, ("repeat", "delay"))
        if parsed is None or len(parsed[1]) != 1:
            return None
        values, operands = parsed
        button = self.button_number(operands[0])
        repeat = values.get("repeat", "1")
        if button is None or not is_number(repeat) or int(repeat) < 1:
            return None
        delay = milliseconds(values.get("delay"), 0.1)
        return lambda: self.desktop.click(button, int(repeat), delay)

    def mousebutton(self, command, args):
        button = self.button_number(args[0]) if len(args) == 1 else None
        if button is None:
            return None
        return lambda: self.desktop.button(button, command == "mousedown")

    def key(self, command, args):
        parsed = options(args, ("delay",))
        if parsed is None or not parsed[1]:
            return None
        values, sequences = parsed
        delay = milliseconds(values.get("delay"), 0.012)
        keysyms = []
        for sequence in sequences:
            if NOT_IN_KEY_SEQUENCE.intersection(sequence):
                return None
            names = [ALIASES.get(name.lower(), name) for name in sequence.split("+") if name]
            symbols = [self.desktop.x.XStringToKeysym(name.encode("utf-8")) for name in names]
            if not all(symbols):
                return None  # xdotool's own message for an unknown name, or a raw keycode
            keysyms.append(symbols)
        if command == "key":
            return lambda: self.press_sequences(keysyms, (True, False), delay / 2)
        return lambda: self.press_sequences(keysyms, (command == "keydown",), delay)

    def press_sequences(self, sequences, phases, delay):
        """xdotool's key, keydown and keyup: every key of a sequence down in order, then up in order."""
        desktop = self.desktop
        keymap = desktop.keymap()
        for keysyms in sequences:
            planned = set()
            keys = [desktop.key_for_keysym(keymap, keysym, planned) for keysym in keysyms]
            modstate = 0
            for press in phases:
                for key in keys:
                    desktop.send_key(keymap, key, modstate, press, delay)
                    modstate = modstate | key.mods if press else modstate & ~key.mods

    def type(self, command, args):
        parsed = options(args, ("delay",))
        if parsed is None:
            return None
        values, texts = parsed
        delay = milliseconds(values.get("delay"), 0.012)
        if not all(typable(char) for text in texts for char in text):
            return None
        return lambda: self.type_texts(texts, delay / 4)

    def type_texts(self, texts, delay):
        """xdotool's type: each character down then up, with its shift level, a quarter delay after each."""
        desktop = self.desktop
        keymap = desktop.keymap()
        for text in texts:
            for char in text:
                key = desktop.key_for_char(keymap, char, set())
                desktop.send_key(keymap, key, 0, True, delay)
                desktop.send_key(keymap, key, 0, False, delay)


def run_program(argv):
    """The bash helper's way: the program with no input, its output and errors on the agent's own."""
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ,
                              file_actions=[(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0)],
                              setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
    except OSError as error:
        write(2, ("%s: %s\n" % (argv[0].decode("utf-8", "replace"), error.strerror)).encode("utf-8"))
        return 127 if isinstance(error, FileNotFoundError) else 126
    status = os.waitpid(pid, 0)[1]
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def write(fd, data):
    while data:
        data = data[os.write(fd, data):]


class Requests(object):
    """Reads the marker line and NUL-ended fields from standard input."""

    def __init__(self):
        self.buffer = bytearray()

    def _fill(self):
        chunk = os.read(0, 65536)
        if not chunk:
            raise EOFError()
        self.buffer += chunk

    def _until(self, end):
        while True:
            at = self.buffer.find(end)
            if at >= 0:
                field = bytes(self.buffer[:at])
                del self.buffer[:at + 1]
                return field
            self._fill()

    def line(self):
        return self._until(b"\n")

    def field(self):
        return self._until(b"\0")

    def waiting(self, seconds):
        """True when a request arrives within the time."""
        return b"\0" in self.buffer or bool(select.select([0], [], [], seconds)[0])


def serve(agent, requests):
    marker = requests.line()
    while True:
        if agent.desktop.bound and not requests.waiting(RESTORE_AFTER_IDLE_SECONDS):
            agent.desktop.restore()
        header = requests.field().split(b" ")
        seq = header[0]
        count = int(header[1]) if len(header) > 1 and header[1].isdigit() else 0
        argv = [requests.field() for _ in range(count)]
        write(1, marker + b" run " + seq + b"\n")
        status = agent.run(argv)
        write(2, b"\n" + marker + b" end " + seq + b"\n")
        write(1, b"\n" + marker + b" end " + seq + b" " + str(status).encode("ascii") + b"\n")


def main():
    x = Xlib()
    if sys.argv[1:] == ["--check"]:
        return 0 if hasattr(os, "posix_spawnp") else 1
    agent = Agent(Desktop(x))
    try:
        serve(agent, Requests())
    except EOFError:
        pass
    finally:
        agent.desktop.restore()
    return 0


if __name__ == "__main__":
    sys.exit(main())
