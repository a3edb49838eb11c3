package io.bugmaster.incidents.whatchanged.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.whatchanged.Checklist;
import io.bugmaster.incidents.whatchanged.FixDecision;
import io.bugmaster.incidents.whatchanged.WhatChanged;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An incident's checklist ({@code GET/PUT .../checklist/}: every question with its answer, null when
 * unanswered) and fixing decisions ({@code POST .../decision/} records one; {@code GET} lists them, latest first).
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incidents/{number}")
class WhatChangedApi {
    private final WhatChanged whatChanged;

    WhatChangedApi(WhatChanged whatChanged) {
        this.whatChanged = whatChanged;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QuestionJson(String id, String question, List<String> choices, String answer, String note, String answeredBy,
            String answeredAt) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DecisionJson(String id, String strategy, Integer restoreMinutes, Integer fixMinutes, String note, String summary,
            String decidedBy, String decidedAt) {
        static DecisionJson of(FixDecision d) {
            return new DecisionJson(Long.toString(d.id()), d.strategy().id(), d.restoreMinutes(), d.fixMinutes(), d.note(), d.summary(),
                    d.userId() == null ? null : d.userId().toString(), d.at().toString());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewDecision(Object strategy, Object restoreMinutes, Object fixMinutes, Object note) {}

    @GetMapping({"/checklist/", "/checklist"})
    List<QuestionJson> checklist(Actor actor, @PathVariable String org, @PathVariable String number) {
        return json(whatChanged.checklist(actor, org, number));
    }

    @PutMapping({"/checklist/", "/checklist"})
    List<QuestionJson> answer(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody Map<String, Object> body) {
        return json(whatChanged.answer(actor, org, number, Checklist.read(body)));
    }

    @GetMapping({"/decision/", "/decision"})
    List<DecisionJson> decisions(Actor actor, @PathVariable String org, @PathVariable String number) {
        return whatChanged.decisions(actor, org, number).stream().map(DecisionJson::of).toList();
    }

    @PostMapping({"/decision/", "/decision"})
    ResponseEntity<DecisionJson> decide(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody NewDecision body) {
        if (body == null) {
            throw new InvalidInputException(null, "send the decision as a JSON object {\"strategy\", \"restore_minutes\", \"fix_minutes\", \"note\"}");
        }
        FixDecision.Draft d = FixDecision.draft(text("strategy", body.strategy()), minutes("restore_minutes", body.restoreMinutes()),
                minutes("fix_minutes", body.fixMinutes()), text("note", body.note()));
        return ResponseEntity.status(HttpStatus.CREATED).body(DecisionJson.of(whatChanged.decide(actor, org, number, d)));
    }

    private static List<QuestionJson> json(List<Checklist.Recorded> answers) {
        return java.util.Arrays.stream(Checklist.Question.values()).map(q -> {
            Checklist.Recorded r = answers.stream().filter(a -> a.question() == q).findFirst().orElse(null);
            return new QuestionJson(q.id(), q.text(), q.choices(), r == null ? null : r.answer(), r == null ? null : r.note(),
                    r == null || r.userId() == null ? null : r.userId().toString(), r == null ? null : at(r.at()));
        }).toList();
    }

    private static String at(Instant at) {
        return at.toString();
    }

    private static String text(String field, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidInputException(field, "a string, got " + value);
    }

    private static Integer minutes(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw new InvalidInputException(field, "a whole number of minutes, got " + value);
    }
}
