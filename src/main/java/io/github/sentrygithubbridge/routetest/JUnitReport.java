package io.github.sentrygithubbridge.routetest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** --junit PATH: one testsuite per test file, one testcase per case, as CI systems show them. */
final class JUnitReport {

    /** A test file's outcome: its cases, or why it could not be used. */
    record Suite(String file, List<CaseResult> cases, String unusable) {
    }

    private JUnitReport() {
    }

    static void write(Path path, List<Suite> suites) throws IOException {
        try {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element all = xml.createElement("testsuites");
            all.setAttribute("name", "sentry-github-bridge test");
            xml.appendChild(all);
            int tests = 0;
            int failures = 0;
            int errors = 0;
            for (Suite suite : suites) {
                Element element = xml.createElement("testsuite");
                element.setAttribute("name", suite.file());
                int suiteFailures = 0;
                int suiteErrors = 0;
                long millis = 0;
                if (suite.unusable() != null) {
                    Element load = testcase(xml, suite.file(), "(the test file)", 0);
                    error(xml, load, suite.unusable());
                    element.appendChild(load);
                    suiteErrors++;
                }
                for (CaseResult result : suite.cases()) {
                    Element testcase = testcase(xml, suite.file(), result.test().name(), result.millis());
                    if (result.unusable() != null) {
                        error(xml, testcase, result.unusable());
                        suiteErrors++;
                    } else if (!result.passed()) {
                        Element failure = xml.createElement("failure");
                        failure.setAttribute("message", result.differences().get(0));
                        failure.setTextContent(String.join("\n", result.differences()));
                        testcase.appendChild(failure);
                        suiteFailures++;
                    }
                    millis += result.millis();
                    element.appendChild(testcase);
                }
                int suiteTests = suite.cases().size() + (suite.unusable() != null ? 1 : 0);
                element.setAttribute("tests", Integer.toString(suiteTests));
                element.setAttribute("failures", Integer.toString(suiteFailures));
                element.setAttribute("errors", Integer.toString(suiteErrors));
                element.setAttribute("time", seconds(millis));
                all.appendChild(element);
                tests += suiteTests;
                failures += suiteFailures;
                errors += suiteErrors;
            }
            all.setAttribute("tests", Integer.toString(tests));
            all.setAttribute("failures", Integer.toString(failures));
            all.setAttribute("errors", Integer.toString(errors));
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var writer = Files.newBufferedWriter(path)) {
                transformer.transform(new DOMSource(xml), new StreamResult(writer));
            }
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("the JUnit report could not be written: " + e.getMessage(), e);
        }
    }

    private static Element testcase(Document xml, String file, String name, long millis) {
        Element testcase = xml.createElement("testcase");
        testcase.setAttribute("classname", file);
        testcase.setAttribute("name", name);
        testcase.setAttribute("time", seconds(millis));
        return testcase;
    }

    private static void error(Document xml, Element testcase, String problem) {
        Element error = xml.createElement("error");
        error.setAttribute("message", problem);
        error.setTextContent(problem);
        testcase.appendChild(error);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
