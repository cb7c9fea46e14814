package io.github.sentrygithubbridge.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Puts untrusted text into GitHub Markdown so it can't break out, ping anyone or inject HTML. */
final class Markdown {

    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** A fence must outrun every backtick run inside: longer runs are shortened, or one field could fill the issue. */
    static final int LONGEST_BACKTICK_RUN = 16;
    private static final Pattern LONG_BACKTICKS = Pattern.compile("`{" + (LONGEST_BACKTICK_RUN + 1) + ",}");
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    // GitHub notifies @user and @org/team and cross-references #123; a zero-width joiner breaks both patterns
    private static final Pattern PING = Pattern.compile("@(?=[A-Za-z0-9])|#(?=[0-9])");
    private static final Pattern WEB_URL = Pattern.compile("(?is)https?://.+");
    // control characters, and the bidi controls that make text read differently than it is ("Trojan Source")
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]");
    private static final Pattern INVISIBLE_IN_BLOCK = Pattern.compile("[\\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069&&[^\n\t]]");

    private Markdown() {
    }

    /** A fenced block longer than any backtick run inside, so the text cannot close it. */
    static String fence(String text) {
        text = INVISIBLE_IN_BLOCK.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        text = LONG_BACKTICKS.matcher(text).replaceAll("`".repeat(LONGEST_BACKTICK_RUN) + "…");
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

    /** One line of plain text, safe outside code and inside a table cell. */
    static String text(String text) {
        // backslash first, so the escapes added below stay escapes; & too, or &#64; would become a live @
        String escaped = oneLine(text)
                .replace("\\", "\\\\")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("~", "\\~")
                .replace("[", "\\[").replace("]", "\\]").replace("`", "\\`");
        return PING.matcher(escaped).replaceAll("$0\u200D");
    }

    /** An issue title: one line, no control or bidi characters, mentions and issue references made inert. */
    static String title(String text) {
        return PING.matcher(oneLine(text)).replaceAll("$0\u200D");
    }

    /** A link to an http(s) address, or null for anything else; characters that could end the link are encoded. */
    static String link(String label, String url) {
        if (url == null || !WEB_URL.matcher(url.strip()).matches()) {
            return null;
        }
        StringBuilder safe = new StringBuilder();
        for (char c : url.strip().toCharArray()) {
            if (c <= ' ' || c == 0x7F || "()<>[]`\"\\".indexOf(c) >= 0) {
                safe.append('%').append(String.format("%02X", (int) c));
            } else {
                safe.append(c);
            }
        }
        return "[" + label + "](" + safe + ")";
    }

    /** Whitespace of any kind, line breaks included, collapsed to single spaces; control and bidi characters removed. */
    static String oneLine(String text) {
        return text == null ? "" : INVISIBLE.matcher(WHITESPACE.matcher(text).replaceAll(" ")).replaceAll("").strip();
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
