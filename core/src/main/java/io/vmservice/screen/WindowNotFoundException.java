package io.vmservice.screen;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.util.List;
import java.util.Map;

/**
 * No window with the title or class a test waited for appeared in time, or a window a test held
 * is gone. The message lists the windows that were open (title, class, id), so a misspelt title
 * or a dialog that opened instead shows at once.
 */
public class WindowNotFoundException extends VmServiceException {

    private final transient List<WindowInfo> openWindows;

    /** The message should end with {@link #listing(List)} of the open windows. */
    public WindowNotFoundException(String message, String window, List<WindowInfo> openWindows) {
        super(ErrorCodes.WINDOW_NOT_FOUND, message, Map.of("window", window,
                "open_windows", openWindows.stream().map(WindowInfo::toString).toList()), null);
        this.openWindows = List.copyOf(openWindows);
    }

    /** The windows the window manager showed when the wait ended. */
    public List<WindowInfo> openWindows() {
        return openWindows;
    }

    /** "; open windows:" and one window a line, or "; no window was open". */
    public static String listing(List<WindowInfo> windows) {
        if (windows.isEmpty()) {
            return "; no window was open";
        }
        return "; open windows:\n  " + String.join("\n  ", windows.stream().map(WindowInfo::toString).toList());
    }
}
