package nl.phaseout.engine.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the transaction in progress has read under an organisation's counts lock, which it holds
 * until it ends: nobody else can change it meanwhile, so it need not be read again. The process
 * asks for the same organisation's inventory at every condition, listener and delegate of one
 * step. Kept by the transaction's connection holder, which a new transaction has a new one of
 * (suspended or not), and dropped with it; outside a transaction, where a lock ends with its
 * statement, {@link #values()} keeps nothing. Writers in the transaction keep it true.
 */
final class HeldForTransaction<V> {

	private final DataSource dataSource;

	private final Map<ConnectionHolder, Map<String, V>> byTransaction = new WeakHashMap<>();

	HeldForTransaction(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The values held for the current transaction, by key; a map that keeps nothing outside one. */
	Map<String, V> values() {
		Object holder = TransactionSynchronizationManager.getResource(dataSource);
		if (!(holder instanceof ConnectionHolder connection) || !connection.isSynchronizedWithTransaction()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return new HashMap<>();
		}
		synchronized (byTransaction) {
			return byTransaction.computeIfAbsent(connection, transaction -> new ConcurrentHashMap<>());
		}
	}

	static String key(String campaignId, String organisationId) {
		return campaignId + '\u0000' + organisationId;
	}

}
