package io.vmservice;

import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SandboxOperations} returning {@code CompletableFuture}s: each method runs the synchronous
 * method of the same name and parameters on the client's pool, so it means exactly what that one
 * says and fails with the same typed errors (as the future's cause). This interface only declares
 * the signatures; there is no second implementation to drift.
 */
public interface AsyncSandboxOperations {

    CompletableFuture<SandboxInfo> getSandboxInfo(String sandboxId);

    CompletableFuture<Void> click(String sandboxId, int x, int y);

    CompletableFuture<Void> click(String sandboxId, int x, int y, MouseButton button);

    CompletableFuture<Void> doubleClick(String sandboxId, int x, int y);

    CompletableFuture<Void> moveMouse(String sandboxId, int x, int y);

    CompletableFuture<Void> drag(String sandboxId, int fromX, int fromY, int toX, int toY);

    CompletableFuture<Void> scroll(String sandboxId, int direction, int amount);

    CompletableFuture<Void> typeText(String sandboxId, String text);

    CompletableFuture<Void> typeText(String sandboxId, String text, int chunkSize, int delayMs);

    CompletableFuture<Void> pressKey(String sandboxId, String key);

    CompletableFuture<Void> pressKeyCombination(String sandboxId, List<String> keys);

    CompletableFuture<Point> getCursorPosition(String sandboxId);

    CompletableFuture<Resolution> getScreenSize(String sandboxId);

    CompletableFuture<Void> writeFile(String sandboxId, String path, String content);

    CompletableFuture<Void> writeFile(String sandboxId, String path, byte[] content);

    CompletableFuture<String> readFile(String sandboxId, String path);

    CompletableFuture<byte[]> readFileBytes(String sandboxId, String path);

    CompletableFuture<Void> openFile(String sandboxId, String path);

    CompletableFuture<Void> launchApplication(String sandboxId, String application);

    CompletableFuture<String> getCurrentWindowId(String sandboxId);

    CompletableFuture<List<String>> getApplicationWindows(String sandboxId, String application);

    CompletableFuture<List<String>> findWindows(String sandboxId, String titleOrClass);

    CompletableFuture<String> getWindowTitle(String sandboxId, String windowId);

    CompletableFuture<List<WindowInfo>> listWindows(String sandboxId);

    CompletableFuture<WindowBounds> getWindowBounds(String sandboxId, String windowId);

    CompletableFuture<Void> activateWindow(String sandboxId, String windowId);

    CompletableFuture<Void> moveWindow(String sandboxId, String windowId, int x, int y);

    CompletableFuture<Void> resizeWindow(String sandboxId, String windowId, int width, int height);

    CompletableFuture<CommandResult> runCommand(String sandboxId, String command);

    CompletableFuture<CommandResult> runCommand(String sandboxId, String command, Duration timeout);

    CompletableFuture<CommandResult> queryAccessibility(String sandboxId, String mode, String queryJson, Duration timeout);

    CompletableFuture<byte[]> screenshot(String sandboxId);

    CompletableFuture<Screenshot> screenshotImage(String sandboxId);

    CompletableFuture<StreamInfo> startStream(String sandboxId);

    CompletableFuture<StreamInfo> startStream(String sandboxId, StreamConfig config);

    CompletableFuture<Void> stopStream(String sandboxId);

    CompletableFuture<String> getLogs(String sandboxId);
}
