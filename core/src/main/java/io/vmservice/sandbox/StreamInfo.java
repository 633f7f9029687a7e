package io.vmservice.sandbox;

/**
 * A live view of a sandbox: open {@code url} in a browser. The auth key is also in the URL when
 * the stream requires one, as in E2B's; treat the URL as a secret.
 *
 * @param authKey the VNC password, or null when the stream is open
 */
public record StreamInfo(String url, String authKey) {

    @Override
    public String toString() {
        return "StreamInfo[url=" + (authKey == null ? url : url.replace(authKey, "***")) + ", authKey="
                + (authKey == null ? "none" : "***") + "]";
    }
}
