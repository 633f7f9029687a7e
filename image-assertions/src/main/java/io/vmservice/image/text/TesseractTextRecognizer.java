package io.vmservice.image.text;

import io.vmservice.desktop.TextRecognizer;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;

/** {@link io.vmservice.desktop.Desktop#readText}'s OCR: English, through the shared polling reader. */
public final class TesseractTextRecognizer implements TextRecognizer {

    @Override
    public String read(Screenshot screen, Region region) {
        Region area = region == null ? screen.bounds() : region.intersection(screen.bounds());
        if (area == null) {
            throw new io.vmservice.exception.InvalidInputException("region " + region + " is outside the "
                    + screen.width() + "x" + screen.height() + " screen");
        }
        return ScreenReader.shared(OcrEngine.ENGLISH).read(screen, area).text();
    }
}
