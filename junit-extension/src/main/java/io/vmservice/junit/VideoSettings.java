package io.vmservice.junit;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.settings.VmServiceSettings;

/**
 * How a screen is recorded: frames per second sampled (a click and a typed word show at 10), and
 * how many changed screens may wait for the encoder before new ones are dropped.
 */
record VideoSettings(int framesPerSecond, int queuedFrames) {

    static final VideoSettings DEFAULTS = new VideoSettings(VmServiceSettings.VIDEO_FPS.defaultValue(), 8);

    VideoSettings {
        if (framesPerSecond < 1 || framesPerSecond > 60) {
            throw new InvalidInputException("video frame rate must be between 1 and 60 frames per second, got "
                    + framesPerSecond);
        }
        if (queuedFrames < 1) {
            throw new InvalidInputException("a video needs room for at least 1 queued frame, got " + queuedFrames);
        }
    }
}
