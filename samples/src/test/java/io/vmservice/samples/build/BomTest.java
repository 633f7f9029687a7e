package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it brings nothing but what it lists): what it repeats
 * from the build must stay equal to the build's.
 */
class BomTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void carriesTheBuildsVersionAndItsJUnit() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom/pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        assertThat(property(bom, "junit.version")).isEqualTo(property(parent, "junit.version"));
    }

    @Test
    void listsEveryLibraryModuleOfTheBuild() throws Exception {
        List<String> libraries = new ArrayList<>();
        NodeList modules = read(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
            boolean installed = !"true".equals(property(pom, "maven.install.skip"));
            if (!module.equals("bom") && installed) {
                libraries.add(child(pom.getDocumentElement(), "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        NodeList dependencies = read(ROOT.resolve("bom/pom.xml")).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (child(dependency, "groupId").equals("io.vmservice")) {
                managed.add(child(dependency, "artifactId"));
            }
        }

        assertThat(libraries).containsExactlyInAnyOrder("vmservice-core", "vmservice-image", "vmservice-junit");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(libraries);
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        return "";
    }

    private static String property(Document pom, String name) {
        NodeList found = pom.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }
}
