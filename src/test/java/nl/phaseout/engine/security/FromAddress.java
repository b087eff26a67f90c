package nl.phaseout.engine.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An HTTP client on another address of this machine (127.0.0.2 is loopback too on Linux), so a
 * test can be a second client, such as the user elsewhere while a stranger guesses here.
 */
final class FromAddress {

	private FromAddress() {
	}

	/** The status of a GET of {@code path} with Basic credentials, sent from {@code localAddress}. */
	static int get(String localAddress, int port, String path, String user, String password) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(30_000);
			String credentials = Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
					+ credentials + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder statusLine = new StringBuilder();
			for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
				statusLine.append((char) c);
			}
			// HTTP/1.1 200 OK
			return Integer.parseInt(statusLine.toString().split(" ")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
