package io.vmservice.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a machine has of what a provider needs, one {@link Check} per thing. The provider can run
 * when no check failed; warnings name what works with less.
 */
public record DoctorReport(List<Check> checks) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** True when no check failed. */
    public boolean canRun() {
        return failures().isEmpty();
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> c.status() == Check.Status.FAIL).toList();
    }

    /** The check about {@code subject}, if there is one. */
    public Optional<Check> check(String subject) {
        return checks.stream().filter(c -> c.subject().equals(subject)).findFirst();
    }

    /** This report with more checks after its own. */
    public DoctorReport with(List<Check> more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(more);
        return new DoctorReport(all);
    }

    /** One line per check. */
    public String text() {
        return checks.stream().map(Check::line).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return text();
    }
}
