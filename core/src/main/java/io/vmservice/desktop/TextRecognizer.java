package io.vmservice.desktop;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.ServiceLoader;

/**
 * Reads the text on a screenshot. Core defines the contract; the image-assertions module
 * implements it with Tesseract and registers it as a service, so {@link Desktop#readText} works
 * whenever that module is on the class path.
 */
public interface TextRecognizer {

    /** The text read inside {@code region} (the whole screen when null), one line of the screen per line. */
    String read(Screenshot screen, Region region);

    /** The recognizer found on the class path. */
    static TextRecognizer installed() {
        return ServiceLoader.load(TextRecognizer.class).findFirst().orElseThrow(() -> new VmServiceException(
                ErrorCodes.OCR_UNAVAILABLE, "reading text needs a text recognizer on the class path: add the dependency"
                        + " io.vmservice:vmservice-image"));
    }
}
