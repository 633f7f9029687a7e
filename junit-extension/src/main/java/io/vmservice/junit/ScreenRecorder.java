package io.vmservice.junit;

import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one sandbox's screen into a video while a test runs, never on the test's thread: a
 * sampler thread takes a screen every frame interval and queues it only when it changed; an
 * encoder thread turns queued screens into frames. The queue is bounded, so a slow encoder
 * costs dropped frames, never memory or the test's time. Drops are logged at debug level only:
 * on a busy machine they come with passing tests too, whose videos are deleted; a kept video's
 * count is in its {@link Result} and in the line that names its file.
 *
 * <p>{@link #stop()} takes a last screen, drains the queue and finishes the file; recorders
 * still running when the JVM shuts down are stopped by a shutdown hook, so their files are
 * complete too.
 */
final class ScreenRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenRecorder.class);
    private static final Set<ScreenRecorder> RUNNING = ConcurrentHashMap.newKeySet();
    private static final long STOP_PATIENCE_SECONDS = 60;
    private static final long HOLD_LAST_MICROS = 500_000;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ScreenRecorder::stop),
                "vmservice-video-shutdown"));
    }

    private final String label;
    private final Supplier<Screenshot> source;
    private final Path file;
    private final VideoSettings settings;
    private final BlockingQueue<TimedScreen> queue;
    private final ScheduledExecutorService sampler;
    private final Thread encoder;
    private final long startNanos = System.nanoTime();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile Screenshot lastSampled;
    private volatile Result result;
    private Screenshot lastQueued;

    private ScreenRecorder(String label, Supplier<Screenshot> source, Path file, VideoSettings settings) {
        this.label = label;
        this.source = source;
        this.file = file;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queuedFrames());
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vmservice-video-sampler-" + label));
        this.encoder = daemon(this::encodeQueue, "vmservice-video-encoder-" + label);
    }

    /** Starts recording {@code source} into {@code file} (WebM) at the settings' frame rate. */
    static ScreenRecorder start(String label, Supplier<Screenshot> source, Path file, VideoSettings settings) {
        ScreenRecorder recorder = new ScreenRecorder(label, source, file, settings);
        RUNNING.add(recorder);
        recorder.encoder.start();
        long period = 1_000_000L / settings.framesPerSecond();
        recorder.sampler.scheduleAtFixedRate(recorder::sample, 0, period, TimeUnit.MICROSECONDS);
        return recorder;
    }

    /**
     * Takes a last screen, waits until every queued screen is encoded and the file finished, and
     * says what was recorded; empty when not a single screen could be read. Calling it again
     * returns the same result.
     */
    synchronized Optional<Result> stop() {
        if (result == null) {
            // A test stopped at its timeout is still interrupted here: its video is finished all the same.
            boolean interrupted = Thread.interrupted();
            try {
                sampler.shutdown();
                if (sampler.awaitTermination(STOP_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    sample();
                }
                if (encoder.isAlive()) {
                    queue.offer(TimedScreen.END, STOP_PATIENCE_SECONDS, TimeUnit.SECONDS);
                }
                encoder.join(TimeUnit.SECONDS.toMillis(STOP_PATIENCE_SECONDS));
            } catch (InterruptedException e) {
                interrupted = true;
                queue.clear();
                queue.offer(TimedScreen.END);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            RUNNING.remove(this);
            if (result == null) {
                result = new Result(file, 0, dropped.get(), false);
            }
        }
        return result.written() ? Optional.of(result) : Optional.empty();
    }

    Path file() {
        return file;
    }

    /** On the sampler thread: queues the screen if it changed since the last one queued. */
    private void sample() {
        Screenshot screen;
        try {
            screen = source.get();
        } catch (RuntimeException e) {
            if (unreadable.getAndIncrement() == 0) {
                LOG.debug("video of {}: cannot read the screen: {}", label, e.getMessage());
            }
            return;
        }
        lastSampled = screen;
        if (lastQueued != null && screen.samePixels(lastQueued)) {
            return;
        }
        if (queue.offer(new TimedScreen(screen, elapsedMicros()))) {
            lastQueued = screen;
        } else if (dropped.incrementAndGet() % 50 == 1) {
            LOG.debug("video of {}: the encoder is behind, {} frame(s) dropped so far", label, dropped.get());
        }
    }

    /** On the encoder thread: encodes queued screens until told to end, then holds the last screen. */
    private void encodeQueue() {
        VideoEncoder video = null;
        Screenshot last = null;
        boolean complete = false;
        try {
            while (true) {
                TimedScreen next = queue.take();
                if (next == TimedScreen.END) {
                    break;
                }
                if (video == null) {
                    video = new VideoEncoder(file, next.screen().width(), next.screen().height(),
                            settings.framesPerSecond());
                }
                video.encode(next.screen(), next.micros());
                last = next.screen();
            }
            complete = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("video of {} stopped: {}", label, e.getMessage());
        } finally {
            result = finish(video, last, complete);
        }
    }

    /** Holds the final screen until the stop time and half a second on, so the video ends on it. */
    private Result finish(VideoEncoder video, Screenshot last, boolean complete) {
        if (video == null) {
            return new Result(file, 0, dropped.get(), false);
        }
        try {
            Screenshot finalScreen = lastSampled;
            if (complete && finalScreen != null && finalScreen.width() == last.width()
                    && finalScreen.height() == last.height()) {
                long end = elapsedMicros();
                video.encode(finalScreen, end);
                // Players show a stream's very last frame only briefly: hold it a while longer.
                video.encode(finalScreen, end + HOLD_LAST_MICROS);
            }
            long frames = video.framesEncoded();
            video.close();
            if (dropped.get() > 0) {
                LOG.debug("video of {}: {} frame(s) dropped because the encoder was behind", label, dropped.get());
            }
            return new Result(file, frames, dropped.get(), true);
        } catch (RuntimeException e) {
            LOG.warn("video of {} could not be finished: {}", label, e.getMessage());
            return new Result(file, 0, dropped.get(), false);
        }
    }

    private long elapsedMicros() {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A finished recording: its file, frames encoded, frames dropped. */
    record Result(Path file, long frames, long dropped, boolean written) {
    }

    private record TimedScreen(Screenshot screen, long micros) {
        static final TimedScreen END = new TimedScreen(null, -1);
    }
}
