package io.bugmaster.incidents.whatchanged;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Seed 002's checklist, asked on every incident before deciding how to fix it: the symptoms, how much
 * is down, and whether a deploy, an infrastructure change, a schema change or a third party is to blame.
 */
@PureLogic
public final class Checklist {
    public static final int MAX_SYMPTOMS = 2000;
    public static final int MAX_NOTE = 500;

    private Checklist() {}

    /** A question: its id in the API, how it is asked, and the answers it takes (empty: free text). */
    public enum Question {
        SYMPTOMS("symptoms", "What are the symptoms?", List.of()),
        AVAILABILITY("availability", "Is the service totally or partially unavailable?", List.of("totally", "partially", "no")),
        DEPLOY("deploy", "Was there a deploy recently?", List.of("yes", "no", "unknown")),
        INFRASTRUCTURE("infrastructure", "Was there an infrastructure change recently?", List.of("yes", "no", "unknown")),
        SCHEMA("schema", "Was there a database schema change?", List.of("yes", "no", "unknown")),
        THIRD_PARTY("third_party", "Is there a problem with a third-party service?", List.of("yes", "no", "unknown"));

        private final String id;
        private final String text;
        private final List<String> choices;

        Question(String id, String text, List<String> choices) {
            this.id = id;
            this.text = text;
            this.choices = choices;
        }

        public String id() {
            return id;
        }

        public String text() {
            return text;
        }

        public List<String> choices() {
            return choices;
        }

        public boolean freeText() {
            return choices.isEmpty();
        }

        public static Optional<Question> parse(String id) {
            return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
        }

        static String all() {
            return Arrays.stream(values()).map(Question::id).collect(Collectors.joining(", "));
        }
    }

    /** An answer as given: for symptoms the text, else one of the question's choices; the note may be null. */
    public record Answer(Question question, String answer, String note) {}

    /** An answer as recorded: who gave it and when (null user: an account since deleted). */
    public record Recorded(Question question, String answer, String note, Long userId, Instant at) {}

    /** Checks one answer; blank answers are refused (an unanswered question is simply left out). */
    public static Answer answer(Question q, String answer, String note) {
        String a = answer == null ? "" : answer.strip();
        if (a.isEmpty()) {
            throw new InvalidInputException(q.id(), q.freeText() ? "describe the symptoms (a string)" : "one of " + String.join(", ", q.choices()));
        }
        if (q.freeText() && a.length() > MAX_SYMPTOMS) {
            throw new InvalidInputException(q.id(), "at most " + MAX_SYMPTOMS + " characters, got " + a.length());
        }
        if (!q.freeText() && !q.choices().contains(a)) {
            throw new InvalidInputException(q.id(), "one of " + String.join(", ", q.choices()) + "; got '" + shorter(a) + "'");
        }
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > MAX_NOTE) {
            throw new InvalidInputException(q.id() + ".note", "at most " + MAX_NOTE + " characters, got " + n.length());
        }
        return new Answer(q, a, n);
    }

    /**
     * Reads {@code {"deploy": "yes", "third_party": {"answer": "unknown", "note": "status page is green"}, "symptoms": "..."}}:
     * each question answered by its answer, or by an object with the answer and a note.
     */
    public static List<Answer> read(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException(null, "send the answers as a JSON object keyed by question: " + Question.all());
        }
        List<Answer> answers = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            Question q = Question.parse(e.getKey())
                    .orElseThrow(() -> new InvalidInputException(e.getKey(), "unknown question; the checklist has " + Question.all()));
            Object v = e.getValue();
            if (v instanceof String s) {
                answers.add(answer(q, s, null));
            } else if (v instanceof Map<?, ?> m && (m.get("answer") instanceof String s)
                    && (m.get("note") == null || m.get("note") instanceof String)) {
                answers.add(answer(q, s, (String) m.get("note")));
            } else {
                throw new InvalidInputException(q.id(), "an answer (a string) or {\"answer\": \"...\", \"note\": \"...\"}");
            }
        }
        return answers;
    }

    /** The log line an answer writes: "Checklist: Was there a deploy recently? yes (v2.3 at 10:20)". */
    public static String logLine(Answer a) {
        return "Checklist: " + a.question().text() + " " + a.answer() + (a.note() == null ? "" : " (" + a.note() + ")");
    }

    private static String shorter(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
