package io.sealer.it.apply;

import io.sealer.it.support.HostBedExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class of this package: a fresh {@link ApplyFixture} per test on the class's host bed. */
abstract class FixtureTest {
    @TempDir
    Path dir;

    ApplyFixture fixture;

    /** The class's host bed (its {@code @RegisterExtension} field). */
    abstract HostBedExtension bed();

    @BeforeEach
    void startFixture() {
        fixture = ApplyFixture.start(bed(), dir);
    }

    @AfterEach
    void stopFixture() {
        fixture.close();
    }
}
