package io.github.sentrygithubbridge.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Puts untrusted text into GitHub Markdown so it can't break out, ping anyone or inject HTML. */
final class Markdown {

    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern MENTION = Pattern.compile("@(?=[A-Za-z0-9])");

    private Markdown() {
    }

    /** A fenced block longer than any backtick run inside, so the text cannot close it. */
    static String fence(String text) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        return fence + "text\n" + text + "\n" + fence + "\n";
    }

    /** Inline code for one line of text; mentions and HTML are inert inside it. */
    static String code(String text) {
        String line = oneLine(text);
        String ticks = "`".repeat(longestBacktickRun(line) + 1);
        // a space keeps a leading or trailing backtick from joining the delimiter
        String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
        return ticks + pad + line + pad + ticks;
    }

    /** Plain text outside code: HTML escaped, mentions broken, Markdown table and emphasis characters escaped. */
    static String text(String text) {
        String escaped = oneLine(text)
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
                .replace("`", "\\`");
        // a zero-width joiner after @ keeps GitHub from notifying a user or team
        return MENTION.matcher(escaped).replaceAll("@\u200D");
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text == null ? "" : text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
