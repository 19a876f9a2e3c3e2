package io.domaindesk.appsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret value an example file of this repository ships is refused by the apps: a
 * copy that was never filled in cannot start, and a new example cannot slip through.
 */
class ShippedExamplesTest {

    /**
     * KEY=value (env files, kustomize literals) or key = "value" (tfvars), for
     * secret-named keys.
     */
    private static final Pattern SECRET_ENTRY = Pattern.compile(
            "^\\s*(?:-\\s*)?([A-Za-z0-9_]*(?:PASSWORD|SECRET|TOKEN|PRIVATE_KEY|password|secret|token|private_key)[A-Za-z0-9_]*)"
                    + "\\s*=\\s*\"?([^\"#]*?)\"?\\s*(?:#.*)?$");

    record Entry(Path file, String key, String value) {
    }

    @Test
    void everyShippedSecretValueIsRefused() throws IOException {
        for (Entry entry : secretEntries(exampleFiles())) {
            if (!entry.value().isBlank()) {
                assertThat(PlaceholderSecrets.isPlaceholder(entry.value()))
                    .as("%s in %s is a value the apps would accept: ship it empty or as a placeholder", entry.key(),
                            repositoryRoot().relativize(entry.file()))
                    .isTrue();
            }
        }
    }

    @Test
    void theScanReadsTheRepositorysExampleFiles() throws IOException {
        assertThat(exampleFiles()).extracting(file -> repositoryRoot().relativize(file).toString())
            .contains(".env.example", "terraform/terraform.tfvars.example", "k8s/kustomization.yaml");
    }

    @Test
    void theScanFindsSecretEntriesButNotComments(@TempDir Path dir) throws IOException {
        Path example = Files.writeString(dir.resolve("app.env.example"), """
                DB_PASSWORD=change-me
                # JWT_SECRET=commented-out
                LOG_FORMAT=json
                admin_password = "hunter2-hunter2"
                """);

        assertThat(secretEntries(List.of(example))).extracting(Entry::key, Entry::value)
            .containsExactly(tuple("DB_PASSWORD", "change-me"), tuple("admin_password", "hunter2-hunter2"));
    }

    private static List<Entry> secretEntries(List<Path> files) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = SECRET_ENTRY.matcher(line);
                if (!line.strip().startsWith("#") && matcher.matches()) {
                    entries.add(new Entry(file, matcher.group(1), matcher.group(2).strip()));
                }
            }
        }
        return entries;
    }

    /**
     * *.example files anywhere, and the kustomizations (secretGenerator literals) under
     * k8s/.
     */
    private static List<Path> exampleFiles() throws IOException {
        Path root = repositoryRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                .filter(file -> !root.relativize(file).toString().matches("(\\.git|.*/target|.*/node_modules)/.*"))
                .filter(file -> file.getFileName().toString().endsWith(".example")
                        || root.relativize(file).startsWith("k8s")
                                && file.getFileName().toString().equals("kustomization.yaml"))
                .toList();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (the folder with mvnw)").isNotNull();
        return dir;
    }

}
