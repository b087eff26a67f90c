package nl.phaseout.engine.system;

import java.io.IOException;

/** A request body beyond {@code phaseout.security.max-upload-size}; answered 413. */
public class UploadTooLargeException extends IOException {

	private final long limit;

	public UploadTooLargeException(long limit) {
		super("The request body is larger than " + describe(limit) + ", the most this application reads"
				+ " (phaseout.security.max-upload-size); split it into smaller parts.");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}

	private static String describe(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		return bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " bytes";
	}

}
