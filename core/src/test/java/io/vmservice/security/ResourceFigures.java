package io.vmservice.security;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment: processes it started (sandboxes included, since every sandbox
 * process descends from its bwrap), open file descriptors, live threads, resident memory and, when
 * the JVM runs with {@code -XX:NativeMemoryTracking=summary}, the native memory it has committed
 * besides the Java heap (whose growth is the collector's choice, not a leak).
 */
public record ResourceFigures(long processes, long fileDescriptors, int threads, long residentKb, long nativeCommittedKb) {

    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    public static ResourceFigures now() {
        return new ResourceFigures(ProcessHandle.current().descendants().count(), openFileDescriptors(),
                ManagementFactory.getThreadMXBean().getThreadCount(), readResidentKb(), readNativeCommittedKb());
    }

    public String row(String label) {
        return String.format("%-14s processes %4d   fds %5d   threads %4d   rss %8d KB   native %s", label, processes,
                fileDescriptors, threads, residentKb, nativeCommittedKb < 0 ? "n/a (run with -XX:NativeMemoryTracking=summary)"
                        : nativeCommittedKb + " KB committed outside the heap");
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long readResidentKb() {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc/self/status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Asks this JVM's own diagnostic command for its native memory summary; -1 when NMT is off. */
    private static long readNativeCommittedKb() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                    "VM.native_memory", "summary").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher total = NMT_TOTAL.matcher(out);
            Matcher heap = NMT_HEAP.matcher(out);
            if (!total.find() || !heap.find()) {
                return -1;
            }
            return Long.parseLong(total.group(2)) - Long.parseLong(heap.group(2));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
