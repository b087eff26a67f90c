package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a reader cannot see is shown by its code point; markup stays text for the place that shows it. */
@Tag("security")
class PlainTextTest {

	@Test
	void aValueShowsHiddenCharactersLineBreaksIncludedAndIsCutAt200() {
		assertThat(PlainText.value("pc\u202E1\n- pc-2\u0000")).isEqualTo("pc[U+202E]1[U+000A]- pc-2[U+0000]");
		assertThat(PlainText.value("x".repeat(250))).isEqualTo("x".repeat(200) + "…");
		assertThat(PlainText.value(null)).isEmpty();
	}

	@Test
	void aNoteKeepsItsLinesAndShowsOtherHiddenCharacters() {
		assertThat(PlainText.text("eerste regel\nzie [link](https://evil.example)\u2066\u200B"))
			.isEqualTo("eerste regel\nzie [link](https://evil.example)[U+2066][U+200B]");
	}

}
