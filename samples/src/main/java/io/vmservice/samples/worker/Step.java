package io.vmservice.samples.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One step of an automation job, in the seed's JSON shape: {@code {"type": "click", "x": 100, "y": 200}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Step.Click.class, name = "click"),
        @JsonSubTypes.Type(value = Step.Type.class, name = "type"),
        @JsonSubTypes.Type(value = Step.Launch.class, name = "launch"),
        @JsonSubTypes.Type(value = Step.Wait.class, name = "wait")
})
public sealed interface Step {

    record Click(int x, int y) implements Step {
    }

    record Type(String text) implements Step {
    }

    record Launch(String app) implements Step {
    }

    record Wait(double seconds) implements Step {
    }
}
