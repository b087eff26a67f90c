package nl.phaseout.engine.system;

import java.util.List;

/**
 * Topics the engine reads besides the contract's own, named by configuration (the inventory
 * feeds): created at start as the contract's topics are.
 */
public interface InboundTopics {

	List<String> topics();

}
