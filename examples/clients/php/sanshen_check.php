<?php
// A pre-publish hook for a PHP CMS: sends a post to `sanshen serve` with curl and blocks
// publication when it does not pass.
//
//   php sanshen_check.php "各单位要认真布署。"        # exit 0 pass, 1 findings, 2 error
//
// SANSHEN_URL (default http://127.0.0.1:8600) and SANSHEN_TOKEN configure it. Needs php-curl.

/**
 * Checks one post. Returns the decoded answer: `findings` (each with `start_utf16`,
 * `end_utf16`, `text`, `message`, `suggestions` …), `counts`, `pass`.
 */
function sanshen_check(string $text, ?string $id = null, ?string $date = null): array
{
    $base = getenv('SANSHEN_URL') ?: 'http://127.0.0.1:8600';
    $post = ['text' => $text];
    if ($id !== null) {
        $post['id'] = $id;
    }
    if ($date !== null) {
        $post['date'] = $date; // YYYY-MM-DD: leaders' titles are judged as of this day
    }
    $headers = ['Content-Type: application/json'];
    $token = getenv('SANSHEN_TOKEN');
    if ($token) {
        $headers[] = 'Authorization: Bearer ' . $token;
    }
    $ch = curl_init($base . '/v1/check');
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode($post, JSON_UNESCAPED_UNICODE),
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_CONNECTTIMEOUT => 3,
        CURLOPT_TIMEOUT => 10,
    ]);
    $body = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    $error = curl_error($ch);
    curl_close($ch);
    if ($body === false) {
        throw new RuntimeException("sanshen: service unreachable: $error");
    }
    $answer = json_decode($body, true);
    if ($status !== 200 || !is_array($answer)) {
        throw new RuntimeException("sanshen: HTTP $status: $body");
    }
    return $answer;
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    if ($argc < 2) {
        fwrite(STDERR, "usage: php sanshen_check.php TEXT [ID]\n");
        exit(2);
    }
    try {
        $answer = sanshen_check($argv[1], $argv[2] ?? null);
    } catch (RuntimeException $e) {
        fwrite(STDERR, $e->getMessage() . "\n");
        exit(2);
    }
    foreach ($answer['findings'] as $f) {
        // UTF-16 offsets: mb_substr($text, …) counts code points, so convert with
        // mb_convert_encoding($text, 'UTF-16LE') when a post holds characters beyond U+FFFF.
        printf("%d-%d %s: %s\n", $f['start_utf16'], $f['end_utf16'], $f['text'], $f['message']);
    }
    echo $answer['pass'] ? "可以发布\n" : "请修改后再发布\n";
    exit($answer['pass'] ? 0 : 1);
}
