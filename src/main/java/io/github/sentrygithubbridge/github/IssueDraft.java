package io.github.sentrygithubbridge.github;

import java.util.List;

/** The GitHub issue the bridge will open: exactly the JSON body of POST /repos/{o}/{r}/issues. */
public record IssueDraft(String title, String body, List<String> labels) {
}
