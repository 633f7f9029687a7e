package io.vmservice.junit;

import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** A recorded video read back with FFmpeg, as a player would decode it. */
record VideoFrames(String codec, double durationSeconds, List<Screenshot> frames, List<Long> micros) {

    static VideoFrames decode(Path file) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            List<Screenshot> frames = new ArrayList<>();
            List<Long> micros = new ArrayList<>();
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                frames.add(Screenshot.of(converter.convert(frame)));
                micros.add(frame.timestamp);
            }
            String codec = grabber.getVideoCodecName();
            double duration = grabber.getLengthInTime() / 1e6;
            grabber.stop();
            return new VideoFrames(codec, duration, frames, micros);
        }
    }

    Screenshot last() {
        return frames.get(frames.size() - 1);
    }

    /**
     * The share of pixels whose colour differs by more than a lossy codec's blur between two
     * screens of the same size.
     */
    static double differingShare(Screenshot a, Screenshot b) {
        int differing = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                int p = a.argb(x, y);
                int q = b.argb(x, y);
                int delta = Math.max(Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)),
                        Math.max(Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF)), Math.abs((p & 0xFF) - (q & 0xFF))));
                if (delta > 48) {
                    differing++;
                }
            }
        }
        return differing / (double) (a.width() * a.height());
    }
}
