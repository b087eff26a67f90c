package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class SourcePatternsTest {

	@Test
	void anEntryIsAnExactSourceOrAPrefixEndingInAStar() {
		assertThat(SourcePatterns.matches("/intune/rijksict", "/intune/rijksict")).isTrue();
		assertThat(SourcePatterns.matches("/intune/rijksict", "/intune/rijksict2")).isFalse();
		assertThat(SourcePatterns.matches("/intune/*", "/intune/rijksict")).isTrue();
		assertThat(SourcePatterns.matches("/intune/*", "/INTUNE/rijksict")).as("sources compare exactly").isFalse();
		assertThat(SourcePatterns.anyMatches(List.of("a", "urn:x:*"), "urn:x:y")).isTrue();
		assertThat(SourcePatterns.anyMatches(List.of(), "urn:x:y")).isFalse();
	}

	@Test
	void invalidEntriesSayWhatIsWrong() {
		assertThat(SourcePatterns.problem("urn:x:*")).isEmpty();
		assertThat(SourcePatterns.problem(" ")).contains("a source must not be empty");
		assertThat(SourcePatterns.problem("*").orElseThrow()).contains("every source");
		assertThat(SourcePatterns.problem("urn:*:x").orElseThrow()).contains("only at its end");
		assertThat(SourcePatterns.problem("urn:x y").orElseThrow()).contains("spaces");
		assertThat(SourcePatterns.problem("urn:\u202Ex").orElseThrow()).contains("U+202E");
		assertThat(SourcePatterns.problem("x".repeat(501)).orElseThrow()).contains("longer than 500");
		assertThat(SourcePatterns.problems(Collections.nCopies(51, "urn:x"))).containsExactly(
				"at most 50 sources may be given, not 51");
	}

	@Test
	void entriesAreStrippedAndRepeatsDropped() {
		assertThat(SourcePatterns.normalise(List.of(" urn:a ", "urn:b", "urn:a"))).containsExactly("urn:a", "urn:b");
	}

}
