package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A few Tesseract instances of one language that read the runs of a screen side by side, one
 * instance per thread at a time: the calling thread and up to {@code size - 1} helper threads.
 * Instances are started when a read needs them (the first at once, so a missing language fails
 * early) and stay until {@link #close}, so native memory stays at {@code size} models.
 */
final class Recognizers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Path data;
    private final String language;
    private final int size;
    private final Deque<Recognizer> idle = new ArrayDeque<>();
    private final List<Recognizer> all = new ArrayList<>();
    private final ExecutorService helpers;
    private int busy;
    private boolean closed;

    Recognizers(Path data, String language, int size) {
        this.data = data;
        this.language = language;
        this.size = Math.max(1, size);
        Recognizer first = Recognizer.open(data, language);
        all.add(first);
        idle.add(first);
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        helpers = this.size == 1 ? null : Executors.newFixedThreadPool(this.size - 1, task -> {
            Thread thread = new Thread(task, "vmservice-ocr-" + language + "-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int size() {
        return size;
    }

    /** How many instances have been started so far. */
    synchronized int started() {
        return all.size();
    }

    /**
     * The words of each run, in the order of {@code runs}: the same words whichever instance
     * read a run, since all start alike and keep nothing from one read to the next.
     */
    List<List<Word>> read(Screenshot screen, List<Region> runs) {
        @SuppressWarnings("unchecked")
        List<Word>[] words = new List[runs.size()];
        int[] order = widestFirst(runs);
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            // a run first, then a Tesseract: a helper that comes too late starts none
            int taken = next.getAndIncrement();
            if (taken >= order.length) {
                return;
            }
            Recognizer recognizer = borrow();
            try {
                for (; taken < order.length; taken = next.getAndIncrement()) {
                    int i = order[taken];
                    words[i] = recognizer.read(LineImage.of(screen, runs.get(i)));
                }
            } finally {
                giveBack(recognizer);
            }
        };
        int helping = helpers == null ? 0 : Math.min(size - 1, runs.size() - 1);
        List<Future<?>> helped = new ArrayList<>();
        for (int i = 0; i < helping; i++) {
            helped.add(helpers.submit(work));
        }
        work.run();
        for (Future<?> help : helped) {
            try {
                help.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading text", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return Arrays.asList(words);
    }

    /**
     * The runs' indices, widest first: Tesseract's time grows with a run's width, so the long
     * runs are shared out first and the short ones fill the gaps, and no Tesseract is left
     * reading a long run alone at the end.
     */
    private static int[] widestFirst(List<Region> runs) {
        return IntStream.range(0, runs.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> runs.get(i).width()).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    private synchronized Recognizer borrow() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the " + language + " OCR engine is closed");
            }
            if (!idle.isEmpty()) {
                busy++;
                return idle.pop();
            }
            if (all.size() < size) {
                // started under the lock: Tesseract keeps a few settings global while it starts
                Recognizer started = Recognizer.open(data, language);
                all.add(started);
                busy++;
                return started;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Tesseract instance", e);
            }
        }
    }

    private synchronized void giveBack(Recognizer recognizer) {
        busy--;
        if (closed) {
            recognizer.close();
        } else {
            idle.push(recognizer);
        }
        notifyAll();
    }

    /** Ends every instance; one still reading ends when its read is done. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (helpers != null) {
            helpers.shutdown();
        }
        idle.forEach(Recognizer::close);
        idle.clear();
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
