package nl.phaseout.engine.report;

import java.util.Collection;
import java.util.Set;

/**
 * Which organisations a reader may see: all of them (the programme office, administrators), or
 * those whose project managers' group is one of the reader's groups.
 */
public record Scope(Set<String> pmGroups) {

	private static final Scope ALL = new Scope(null);

	public static Scope all() {
		return ALL;
	}

	public static Scope ofGroups(Collection<String> groups) {
		return new Scope(Set.copyOf(groups));
	}

	public boolean isAll() {
		return pmGroups == null;
	}

}
