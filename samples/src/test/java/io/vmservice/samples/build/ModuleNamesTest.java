package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmservice.VmServiceClient;
import io.vmservice.image.ImageDiff;
import io.vmservice.junit.DesktopTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Each library jar names its module, so a modular application can require it by a name that
 * does not change with the jar's file name. Checked on the jars this build packaged.
 */
class ModuleNamesTest {

    @Test
    void everyLibraryJarCarriesItsAutomaticModuleName() throws Exception {
        Map<Class<?>, String> expected = new LinkedHashMap<>();
        expected.put(VmServiceClient.class, "io.vmservice.core");
        expected.put(ImageDiff.class, "io.vmservice.image");
        expected.put(DesktopTest.class, "io.vmservice.junit");
        for (Map.Entry<Class<?>, String> library : expected.entrySet()) {
            Path location = Path.of(library.getKey().getProtectionDomain().getCodeSource().getLocation().toURI());
            assumeTrue(Files.isRegularFile(location), "the libraries come from " + location
                    + ", not from jars: run in a build that packages them (scripts/test, mvn verify)");
            try (JarFile jar = new JarFile(location.toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("the module name in %s", location.getFileName()).isEqualTo(library.getValue());
            }
        }
    }
}
