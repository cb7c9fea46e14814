package io.github.sentrygithubbridge.github;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.resolver.ClasspathResolver;
import com.github.mustachejava.resolver.FileSystemResolver;
import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.UnusableFileException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The issue's title and body templates (mustache.java): BRIDGE_TEMPLATES_DIR/issue-title.mustache and
 * issue-body.mustache where given, the built-in ones from the jar otherwise. Compiled once at startup: a template
 * that does not compile stops it, naming the file.
 *
 * <p>The model's values come escaped for Markdown ({@link IssueModel}). A template can still put text right before a
 * value — {@code @{{project}}}, {@code #{{shortId}}}, {@code <{{culprit}}>}, {@code &{{rule}}}, {@code GH-{{shortId}}},
 * {@code [x]({{culprit}})} — so every
 * value is fenced by invisible marks while rendering, and a mention, reference, tag or link made at a value's start
 * is broken with a zero-width joiner before the marks go.
 */
@Component
public class IssueTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(IssueTemplates.class);
    static final String TITLE = "issue-title.mustache";
    static final String BODY = "issue-body.mustache";
    /** Private-use characters the escaped values can't contain: the start of a value, a link's start, the end. */
    static final char VALUE = '\uE000';
    static final char URL = '\uE001';
    static final char END = '\uE002';
    // @ mention, # reference, < tag, & entity (&#64; is an @), ]( link, GH-1 reference
    private static final Pattern JOINED = Pattern.compile("(@|#|<|&|\\]\\(|(?i:gh)-)" + VALUE);
    private static final Pattern MARKS = Pattern.compile("[" + VALUE + URL + END + "]");

    private final Mustache title;
    private final Mustache body;

    IssueTemplates(Mustache title, Mustache body) {
        this.title = title;
        this.body = body;
    }

    /** The templates of BRIDGE_TEMPLATES_DIR (blank: none), the built-in ones for those it does not have. */
    @Autowired
    public IssueTemplates(@Value("${bridge.templates-dir:}") String directory) {
        this(template(directory, TITLE), template(directory, BODY));
    }

    private static Mustache template(String directory, String name) {
        if (directory == null || directory.isBlank()) {
            return builtIn(name);
        }
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir)) {
            throw new InvalidSettingException("BRIDGE_TEMPLATES_DIR", directory, "is not a directory", "/etc/sentry-github-bridge/templates");
        }
        return Files.exists(dir.resolve(name)) ? compile(dir.resolve(name)) : builtIn(name);
    }

    public static IssueTemplates builtIn() {
        return new IssueTemplates(builtIn(TITLE), builtIn(BODY));
    }

    /** The title as the title template makes it, before the renderer's own limits. */
    String title(Map<String, Object> model) {
        return render(title, model);
    }

    /** The body as the body template makes it, without the marker. */
    String body(Map<String, Object> model) {
        return render(body, model);
    }

    private static String render(Mustache template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return MARKS.matcher(JOINED.matcher(out.toString()).replaceAll("$1\u200D")).replaceAll("");
    }

    private static Mustache compile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Mustache compiled = factory(file.getParent()).compile(reader, file.toString());
            LOG.info("Issue template {} in use", file);
            return compiled;
        } catch (MustacheException | IOException | UncheckedIOException e) {
            throw new UnusableFileException(file, "the template does not compile: " + UnusableFileException.describe(e));
        }
    }

    private static Mustache builtIn(String name) {
        return factory(null).compile("templates/" + name);
    }

    /** Values are Markdown, already escaped: Mustache's HTML escaping would spoil them. Partials stay under the directory. */
    private static DefaultMustacheFactory factory(Path root) {
        return new DefaultMustacheFactory(root == null ? new ClasspathResolver() : new FileSystemResolver(root.toFile())) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
