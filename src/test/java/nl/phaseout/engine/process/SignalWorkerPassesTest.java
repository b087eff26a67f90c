package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;

import nl.phaseout.engine.inventory.Signal;
import org.junit.jupiter.api.Test;

/**
 * A round's signals in passes, one engine command each: an organisation's later signal comes in a later
 * pass than its earlier one, so that its queries find what the earlier one changed; each pass keeps the
 * delivery order, so the first pass takes every organisation's lock in that order.
 */
class SignalWorkerPassesTest {

	@Test
	void everyOrganisationsFirstSignalComesFirstAndItsNextOnesInLaterPasses() {
		Signal aChanged = Signal.inventoryChanged("ORG-A");
		Signal aSelected = Signal.alternativeSelected("ORG-A");
		Signal aTerminated = Signal.contractTerminated("ORG-A");
		Signal bChanged = Signal.inventoryChanged("ORG-B");
		Signal cSelected = Signal.alternativeSelected("ORG-C");
		Signal cBanned = Signal.bannedAppeared("campaign", "ORG-C");
		var distinct = new TreeSet<>(List.of(cBanned, aTerminated, bChanged, aSelected, cSelected, aChanged));
		List<Signal> order = List.copyOf(distinct);

		List<List<Signal>> passes = SignalWorker.passes(distinct);

		assertThat(passes).hasSize(3);
		assertThat(passes.get(0)).extracting(Signal::organisationId).containsExactly("ORG-A", "ORG-B", "ORG-C");
		assertThat(passes.get(1)).extracting(Signal::organisationId).containsExactly("ORG-A", "ORG-C");
		assertThat(passes.get(2)).extracting(Signal::organisationId).containsExactly("ORG-A");
		assertThat(passes.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(order);
		for (List<Signal> pass : passes) {
			assertThat(pass).isSortedAccordingTo(Signal::compareTo);
		}
		// an organisation's signals keep their order across the passes
		for (String organisation : List.of("ORG-A", "ORG-C")) {
			assertThat(passes.stream().flatMap(List::stream).filter(s -> s.organisationId().equals(organisation)))
				.containsExactlyElementsOf(order.stream().filter(s -> s.organisationId().equals(organisation)).toList());
		}
	}

	@Test
	void aRoundOfOneSignalAnOrganisationIsOnePass() {
		var distinct = new TreeSet<>(List.of(Signal.inventoryChanged("ORG-B"), Signal.inventoryChanged("ORG-A")));

		assertThat(SignalWorker.passes(distinct)).containsExactly(List.copyOf(distinct));
		assertThat(SignalWorker.passes(new TreeSet<>())).isEmpty();
	}

}
