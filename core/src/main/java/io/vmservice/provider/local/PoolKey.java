package io.vmservice.provider.local;

import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Resolution;
import java.util.Map;

/**
 * What a sandbox's processes start with and keep: two warm sandboxes with equal keys are
 * interchangeable until first used. CPU and memory limits are not part of it: cgroups change on
 * a running sandbox, so a warm sandbox takes its caller's limits when it is handed out.
 */
record PoolKey(String template, Resolution resolution, boolean allowInternetAccess,
               Map<String, String> environment, String workingDirectory) {

    static PoolKey of(SandboxConfig config) {
        return new PoolKey(DesktopTemplate.of(config.template()).id(), config.resolution(),
                config.allowInternetAccess(), config.environment(), config.workingDirectory());
    }

    @Override
    public String toString() {
        return template + " " + resolution + (allowInternetAccess ? "" : " offline")
                + (environment.isEmpty() ? "" : " env " + environment.keySet()) + " in " + workingDirectory;
    }
}
