package io.vmservice.image.text;

import io.vmservice.screen.Region;

/**
 * One word read on the screen.
 *
 * @param text       the characters Tesseract read
 * @param box        where the word's ink is, in screen pixels
 * @param confidence Tesseract's confidence, 0 to 100
 */
public record Word(String text, Region box, float confidence) {

    Word moved(int dx, int dy) {
        return new Word(text, new Region(box.x() + dx, box.y() + dy, box.width(), box.height()), confidence);
    }
}
