package io.vmservice;

import io.vmservice.desktop.MouseButton;
import io.vmservice.exception.VmServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The client's operations as {@code CompletableFuture}s, like the seed SDK's async API. They run
 * on a fixed pool with a bounded queue; when the queue is full the future fails at once with
 * error code {@code BUSY} instead of piling up work.
 */
public final class AsyncVmServiceClient {

    static final int QUEUE_CAPACITY = 1024;

    private final VmServiceClient client;
    private final ThreadPoolExecutor pool;

    AsyncVmServiceClient(VmServiceClient client, int threads) {
        this.client = client;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "vmservice-async-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public CompletableFuture<SandboxInfo> createSandbox(String userId, SandboxConfig config) {
        return submit(() -> client.createSandbox(userId, config));
    }

    public CompletableFuture<SandboxInfo> createSandbox(String userId) {
        return submit(() -> client.createSandbox(userId));
    }

    public CompletableFuture<SandboxInfo> getSandboxInfo(String sandboxId) {
        return submit(() -> client.getSandboxInfo(sandboxId));
    }

    public CompletableFuture<List<SandboxInfo>> listUserSandboxes(String userId) {
        return submit(() -> client.listUserSandboxes(userId));
    }

    public CompletableFuture<Boolean> destroySandbox(String sandboxId) {
        return submit(() -> client.destroySandbox(sandboxId));
    }

    public CompletableFuture<Void> click(String sandboxId, int x, int y) {
        return run(() -> client.click(sandboxId, x, y));
    }

    public CompletableFuture<Void> click(String sandboxId, int x, int y, MouseButton button) {
        return run(() -> client.click(sandboxId, x, y, button));
    }

    public CompletableFuture<Void> moveMouse(String sandboxId, int x, int y) {
        return run(() -> client.moveMouse(sandboxId, x, y));
    }

    public CompletableFuture<Void> drag(String sandboxId, int fromX, int fromY, int toX, int toY) {
        return run(() -> client.drag(sandboxId, fromX, fromY, toX, toY));
    }

    public CompletableFuture<Void> scroll(String sandboxId, int direction, int amount) {
        return run(() -> client.scroll(sandboxId, direction, amount));
    }

    public CompletableFuture<Void> typeText(String sandboxId, String text) {
        return run(() -> client.typeText(sandboxId, text));
    }

    public CompletableFuture<Void> typeText(String sandboxId, String text, int chunkSize, int delayMs) {
        return run(() -> client.typeText(sandboxId, text, chunkSize, delayMs));
    }

    public CompletableFuture<Void> pressKey(String sandboxId, String key) {
        return run(() -> client.pressKey(sandboxId, key));
    }

    public CompletableFuture<Void> pressKeyCombination(String sandboxId, List<String> keys) {
        return run(() -> client.pressKeyCombination(sandboxId, keys));
    }

    public CompletableFuture<Void> writeFile(String sandboxId, String path, String content) {
        return run(() -> client.writeFile(sandboxId, path, content));
    }

    public CompletableFuture<String> readFile(String sandboxId, String path) {
        return submit(() -> client.readFile(sandboxId, path));
    }

    public CompletableFuture<Void> openFile(String sandboxId, String path) {
        return run(() -> client.openFile(sandboxId, path));
    }

    public CompletableFuture<Void> launchApplication(String sandboxId, String application) {
        return run(() -> client.launchApplication(sandboxId, application));
    }

    public CompletableFuture<String> getCurrentWindowId(String sandboxId) {
        return submit(() -> client.getCurrentWindowId(sandboxId));
    }

    public CompletableFuture<List<String>> getApplicationWindows(String sandboxId, String application) {
        return submit(() -> client.getApplicationWindows(sandboxId, application));
    }

    public CompletableFuture<CommandResult> runCommand(String sandboxId, String command, Duration timeout) {
        return submit(() -> client.runCommand(sandboxId, command, timeout));
    }

    public CompletableFuture<byte[]> screenshot(String sandboxId) {
        return submit(() -> client.screenshot(sandboxId));
    }

    public CompletableFuture<StreamInfo> startStream(String sandboxId, StreamConfig config) {
        return submit(() -> client.startStream(sandboxId, config));
    }

    public CompletableFuture<Void> stopStream(String sandboxId) {
        return run(() -> client.stopStream(sandboxId));
    }

    public CompletableFuture<ServiceStats> getStats() {
        return submit(client::getStats);
    }

    public CompletableFuture<Integer> cleanupUserSandboxes(String userId) {
        return submit(() -> client.cleanupUserSandboxes(userId));
    }

    public CompletableFuture<Integer> cleanupAllSandboxes() {
        return submit(client::cleanupAllSandboxes);
    }

    void shutdown() {
        pool.shutdownNow();
    }

    private CompletableFuture<Void> run(Runnable action) {
        return submit(() -> {
            action.run();
            return null;
        });
    }

    private <T> CompletableFuture<T> submit(Supplier<T> operation) {
        try {
            return CompletableFuture.supplyAsync(operation, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new VmServiceException("BUSY", "the async client has "
                    + QUEUE_CAPACITY + " operations waiting; wait for some to finish or raise asyncThreads"));
        }
    }
}
