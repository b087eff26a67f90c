package nl.phaseout.engine.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request with its path sent exactly as written ({@code /%61pi}, {@code //api},
 * {@code /api;x=y}): HTTP clients normalise paths before sending, and then a test would not try
 * what an attacker's raw request does.
 */
final class RawHttp {

	record Response(int status, String body) {
	}

	private final int port;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private RawHttp(int port) {
		this.port = port;
	}

	static RawHttp to(int port) {
		return new RawHttp(port);
	}

	RawHttp basic(String user, String password) {
		return header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	RawHttp header(String name, String value) {
		headers.put(name, value);
		return this;
	}

	Response send(String method, String path, String body) {
		return send(method, path, body, -1);
	}

	/** With {@code declaredLength} >= 0, that Content-Length is declared and only {@code body} is sent. */
	Response send(String method, String path, String body, long declaredLength) {
		byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
				.append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("Content-Length: ").append(declaredLength >= 0 ? declaredLength : bytes.length)
				.append("\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			try {
				in.transferTo(all);
			}
			catch (IOException ex) {
				// the server may close while a declared body is still unsent: what came is the answer
			}
			String text = all.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.split(" ", 3)[1]);
			int start = text.indexOf("\r\n\r\n");
			return new Response(status, start < 0 ? "" : text.substring(start + 4));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
