// A pre-publish hook for a Java CMS: sends a post to `sanshen serve` and blocks publication
// when the service says it does not pass. Needs only the JDK (java.net.http, Java 11+):
//
//   java SanshenCheck.java "各单位要认真布署。"        # exit 0 pass, 1 findings, 2 error
//
// SANSHEN_URL (default http://127.0.0.1:8600) and SANSHEN_TOKEN configure it. A real CMS would
// parse the JSON with its own library (Jackson, Gson); this file reads the few fields it needs
// with regular expressions to stay a single file.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SanshenCheck {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java SanshenCheck.java TEXT [ID]");
            System.exit(2);
        }
        String base = System.getenv().getOrDefault("SANSHEN_URL", "http://127.0.0.1:8600");
        String body = "{\"text\":" + quote(args[0])
                + (args.length > 1 ? ",\"id\":" + quote(args[1]) : "") + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/check"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        String token = System.getenv("SANSHEN_TOKEN");
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // The service is down: let the editor decide; here the post is held back.
            System.err.println("sanshen: service unreachable: " + e);
            System.exit(2);
            return;
        }
        if (response.statusCode() != 200) {
            System.err.println("sanshen: HTTP " + response.statusCode() + ": " + response.body());
            System.exit(2);
        }
        String json = response.body();
        Matcher finding = Pattern.compile(
                "\"start_utf16\":(\\d+),\"end_utf16\":(\\d+).*?\"text\":\"((?:[^\"\\\\]|\\\\.)*)\",\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        while (finding.find()) {
            // UTF-16 offsets index Java strings directly.
            System.out.printf("%s-%s %s: %s%n", finding.group(1), finding.group(2),
                    finding.group(3), finding.group(4));
        }
        boolean pass = json.contains("\"pass\":true");
        System.out.println(pass ? "可以发布" : "请修改后再发布");
        System.exit(pass ? 0 : 1);
    }

    /** A Java string as a JSON string. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
