package io.vmservice.image.text;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.util.Map;

/**
 * Text cannot be read on this machine: the language data Tesseract needs is not installed, or
 * the engine would not start with it. The message names the Debian package that installs it.
 */
public class OcrUnavailableException extends VmServiceException {

    public OcrUnavailableException(String message, String language) {
        super(ErrorCodes.OCR_UNAVAILABLE, message, Map.of("language", language), null);
    }
}
