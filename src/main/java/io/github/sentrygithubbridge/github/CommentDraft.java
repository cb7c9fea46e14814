package io.github.sentrygithubbridge.github;

/** A comment the bridge will add: exactly the JSON body of POST /repos/{o}/{r}/issues/{n}/comments. */
public record CommentDraft(String body) {
}
