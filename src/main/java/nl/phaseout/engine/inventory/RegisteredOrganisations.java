package nl.phaseout.engine.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ingestion needs to know of registered organisations: the sources each allows to report
 * for it. Implemented by the organisations; ingestion asks only while holding the organisations'
 * counts locks, which registration takes too, so the answer cannot change under it.
 */
public interface RegisteredOrganisations {

	/**
	 * The allowed source patterns of those of these organisations that are registered (an empty list
	 * when one allows none); unregistered organisations are absent from the map.
	 */
	Map<String, List<String>> allowedSources(Collection<String> organisationIds);

	/**
	 * Those of these organisations registered to verify rolling ({@code "verification": "rolling"}): no
	 * census scan, but every live endpoint observed again after the rollout, and the project manager's
	 * confirmation that the list is complete.
	 */
	default Set<String> verifyingRolling(Collection<String> organisationIds) {
		return Set.of();
	}

}
