package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.UnusableFileException;
import io.github.sentrygithubbridge.sentry.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engineer's issue templates: every field by name, values that stay inert wherever a template puts them, limits that hold. */
class IssueTemplatesTest {

    static final String MARKER = IssueRendererTest.MARKER;

    @TempDir
    Path dir;

    @Test
    void aBodyTemplateSeesEveryFieldByNameAndTheBridgePutsItsMarkerAbove() throws IOException {
        Files.writeString(dir.resolve("issue-body.mustache"), """
                {{level}} in {{environment}} ({{release}}) of {{project}}: {{title}}
                culprit {{culprit}}, rule {{rule}}, {{shortId}}, <{{sentryUrl}}>
                {{#exception}}exception {{type}} / {{value}}{{/exception}}
                {{#crashingFrame}}at {{file}}:{{line}} in {{function}}{{/crashingFrame}}
                {{#frames}}
                - {{code}}
                {{/frames}}
                {{#breadcrumbs}}
                * {{time}} {{category}} {{message}}
                {{/breadcrumbs}}
                {{#tags}}{{name}}={{value}};{{/tags}}
                """);

        IssueDraft draft = renderer().render(IssueRendererTest.alert().build(), List.of("agent:builder"), List.of());

        // outside code, an @ before a letter or digit never pings: shop@1.2.3 gets a zero-width joiner ({{releaseCode}} does not)
        assertThat(draft.body()).isEqualTo(MARKER + "\n\n" + """
                error in production (shop@\u200D1.2.3) of shop: ReferenceError: heck is not defined
                culprit checkout(app/pay.js), rule Errors in checkout, SHOP-1A, <https://sentry.io/organizations/o/issues/1117540176/>
                exception ReferenceError / heck is not defined
                at app/pay.js:42 in charge
                - `app/pay.js:42 in charge`
                - `app/cart.js:9 in checkout`
                * 09:30:15 http GET /cart
                os.name=Linux;
                """);
        assertThat(draft.title()).as("no title template: the built-in one").isEqualTo("[error] ReferenceError: heck is not defined");
    }

    @Test
    void aValueCannotBecomeAMentionAReferenceATagOrALinkWhereverTheTemplatePutsIt() throws IOException {
        Files.writeString(dir.resolve("issue-body.mustache"), """
                cc @{{project}} see #{{shortId}} <{{culprit}}> [open]({{release}}) {{title}} &{{rule}} GH-{{shortId}}
                """);
        Files.writeString(dir.resolve("issue-title.mustache"), "@{{project}} #{{shortId}} {{title}}");
        IssueRendererTest.Alert a = IssueRendererTest.alert();
        a.project = "acme/payments";
        a.shortId = "12";
        a.culprit = "script";
        a.release = "javascript:alert(1)";
        a.title = "@octocat fixed #7 <img src=x onerror=alert(1)>";
        a.rule = "#x40;octocat";
        a.type = null;
        a.value = null;

        IssueDraft draft = renderer().render(a.build(), List.of(), List.of());

        assertThat(draft.body()).doesNotContainPattern("@[A-Za-z0-9]").doesNotContainPattern("#[0-9]")
                .doesNotContain("<script", "<img", "](javascript:");
        assertThat(draft.body()).contains("cc @\u200Dacme/payments see #\u200D12 <\u200Dscript> [open](\u200Djavascript:alert(1))")
                .contains(" &\u200D#x40;octocat GH-\u200D12").doesNotContain("&#x40;", "GH-12");
        assertThat(draft.title()).doesNotContainPattern("@[A-Za-z0-9]").doesNotContainPattern("#[0-9]")
                .startsWith("@\u200Dacme/payments #\u200D12 ");
    }

    @Test
    void aTemplateThatMakesTooMuchIsHeldToGitHubsLimitsAndKeepsTheMarker() throws IOException {
        Files.writeString(dir.resolve("issue-title.mustache"), "{{title}}{{title}}{{title}}{{title}}{{title}}{{title}}{{title}}{{title}}\u0007\u202E");
        Files.writeString(dir.resolve("issue-body.mustache"), "{{#frames}}{{code}}{{/frames}}\n".repeat(3_000));
        IssueRendererTest.Alert a = IssueRendererTest.alert();
        a.title = "x".repeat(200);

        IssueDraft draft = renderer().render(a.build(), List.of(), List.of());

        assertThat(draft.title()).hasSizeLessThanOrEqualTo(IssueRenderer.TITLE_LIMIT).doesNotContain("\u0007", "\u202E");
        assertThat(draft.body()).startsWith(MARKER + "\n\n").hasSizeLessThan(65_536).contains("_…truncated: ");
    }

    @Test
    void theModelHasNoTagThatIsNotShownAndNoUnsafeLink() throws IOException {
        Files.writeString(dir.resolve("issue-body.mustache"), "{{#tags}}{{name}}={{value}};{{/tags}}|{{sentryUrl}}|{{eventUrl}}|");
        IssueRendererTest.Alert a = IssueRendererTest.alert();
        a.tags.put("customer", "ACME-TOP-SECRET");
        a.issueUrl = "javascript:alert(1)";
        a.eventUrl = "https://sentry.io/e/1 (x)";

        String body = renderer().render(a.build(), List.of(), List.of()).body();

        assertThat(body).isEqualTo(MARKER + "\n\nos.name=Linux;||https://sentry.io/e/1%20%28x%29|");
    }

    @Test
    void aTemplateThatDoesNotCompileStopsStartupNamingTheFile() throws IOException {
        Path broken = dir.resolve("issue-body.mustache");
        Files.writeString(broken, "{{#exception}}never closed\n");

        assertThatThrownBy(() -> new IssueTemplates(dir.toString()))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageStartingWith(broken + ": the template does not compile");
        assertThatThrownBy(() -> new IssueTemplates(dir.resolve("missing").toString()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("BRIDGE_TEMPLATES_DIR");
    }

    @Test
    void theBuiltInTemplatesAreTheDefault() {
        IssueRendererTest.Alert a = IssueRendererTest.alert();
        a.level = Level.FATAL;
        IssueDraft builtIn = new IssueRenderer(new IssueTemplates("")).render(a.build(), List.of(), List.of());

        assertThat(builtIn).isEqualTo(new IssueRenderer().render(a.build(), List.of(), List.of()));
        assertThat(builtIn.title()).isEqualTo("[fatal] ReferenceError: heck is not defined");
        assertThat(builtIn.body()).startsWith(MARKER + "\n\n- **Level:** `fatal`\n");
    }

    private IssueRenderer renderer() {
        return new IssueRenderer(new IssueTemplates(dir.toString()));
    }
}
