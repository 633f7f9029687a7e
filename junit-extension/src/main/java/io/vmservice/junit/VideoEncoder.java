package io.vmservice.junit;

import io.vmservice.screen.Screenshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes screens into a WebM file with VP9 (libvpx), one frame per changed screen.
 *
 * <p>WebM/VP9 because both Chromium and Firefox decode it with codecs they ship themselves; the
 * FFmpeg preset has no libx264 (GPL), and its H.264 encoder, OpenH264, only runs at a fixed bit
 * rate, while VP9's constant-quality mode spends nearly nothing on a screen that barely changes.
 * Frames carry their own timestamps on a grid of one frame interval, so an unchanged screen is
 * simply not encoded: the player keeps showing the last frame.
 *
 * <p>Not thread-safe: one thread encodes.
 */
final class VideoEncoder implements AutoCloseable {

    static final String EXTENSION = "webm";
    static final String MIME_TYPE = "video/webm";

    /** Constant quality; 0 is lossless, 63 the worst. Text stays legible at this level. */
    private static final int QUALITY = 36;
    /** A key frame at least every ten seconds of changes, so a player can seek. */
    private static final int KEY_FRAME_SECONDS = 10;

    static {
        // FFmpeg prints every file it opens and its encoder's settings on stderr: keep a test's
        // output to what went wrong.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameRecorder recorder;
    private final ByteBuffer pixels;
    private final int width;
    private final int height;
    private long encoded;

    VideoEncoder(Path file, int width, int height, int framesPerSecond) {
        this.width = width;
        this.height = height;
        this.pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("webm");
        recorder.setVideoCodecName("libvpx-vp9");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_VP9);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(framesPerSecond);
        recorder.setGopSize(framesPerSecond * KEY_FRAME_SECONDS);
        // Bit rate 0 with a crf is libvpx's constant-quality mode.
        recorder.setVideoBitrate(0);
        recorder.setVideoQuality(QUALITY);
        recorder.setVideoOption("deadline", "realtime");
        recorder.setVideoOption("cpu-used", "8");
        recorder.setVideoOption("row-mt", "1");
        recorder.setVideoOption("lag-in-frames", "0");
        recorder.setVideoOption("threads", "2");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            releaseQuietly();
            throw new IllegalStateException("cannot start a VP9 recording to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Encodes the screen as shown from {@code micros} after the start on; a time on or before
     * the last frame's moves to the next grid slot, as the container needs increasing times.
     */
    void encode(Screenshot screen, long micros) {
        if (screen.width() != width || screen.height() != height) {
            throw new IllegalArgumentException("the recording is " + width + "x" + height + ", the screen "
                    + screen.width() + "x" + screen.height());
        }
        pixels.clear();
        // 0xAARRGGBB ints in little-endian memory are B, G, R, A bytes.
        pixels.asIntBuffer().put(screen.pixels());
        try {
            recorder.setTimestamp(Math.max(micros, recorder.getTimestamp()));
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 4, width * 4, avutil.AV_PIX_FMT_BGRA, pixels);
            encoded++;
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("VP9 encoding failed at frame " + encoded + ": " + e.getMessage(), e);
        }
    }

    long framesEncoded() {
        return encoded;
    }

    /** Writes what the encoder still holds and the file's index; the file is complete after this. */
    @Override
    public void close() {
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot finish the recording: " + e.getMessage(), e);
        } finally {
            releaseQuietly();
        }
    }

    private void releaseQuietly() {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // Released already or never allocated: nothing is left to free.
        }
    }
}
