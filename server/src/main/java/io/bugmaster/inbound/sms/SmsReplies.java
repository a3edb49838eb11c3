package io.bugmaster.inbound.sms;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.IncidentCommands;
import io.bugmaster.notify.sms.SmsProvider;
import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.oncall.people.ContactMethods;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * An SMS reply to a page: the organization is the one whose SMS provider sends from the number
 * replied to ({@code To}) and whose auth token signed the request; the person is the member of it
 * whose SMS contact method has the number replied from ({@code From}); the text says what to do.
 */
@Service
public class SmsReplies {
    static final String HELP = "Reply ack 42 or resolve 42 with the incident's number.";

    private final SmsProviders providers;
    private final ContactMethods people;
    private final Directory directory;
    private final IncidentCommands incidents;

    public SmsReplies(SmsProviders providers, ContactMethods people, Directory directory, IncidentCommands incidents) {
        this.providers = providers;
        this.people = people;
        this.directory = directory;
        this.incidents = incidents;
    }

    /** The answer: 403 when no organization's provider signed it, else 200 with the text to send back. */
    public record Reply(int status, String message) {}

    public Reply handle(String url, Map<String, String> params, String signature) {
        String to = params.get("To");
        String from = params.get("From");
        if (to == null || from == null) {
            return new Reply(403, null);
        }
        Optional<SmsProvider> provider = providers.byFromNumber(to).stream()
                .filter(p -> TwilioSignature.verify(p.authToken(), url, params, signature)).findFirst();
        if (provider.isEmpty()) {
            return new Reply(403, null);
        }
        long orgId = provider.get().orgId();
        Optional<Long> person = people.usersBySmsNumber(from).stream().filter(u -> directory.joinedMember(orgId, u).isPresent()).findFirst();
        if (person.isEmpty()) {
            return new Reply(200, "This number is not an SMS contact method of anyone in this Bugmaster organization.");
        }
        Optional<SmsCommand> command = SmsCommand.parse(params.get("Body"));
        if (command.isEmpty()) {
            return new Reply(200, "Not understood. " + HELP);
        }
        long number = command.get().incidentNumber();
        return switch (command.get().verb()) {
            case ACKNOWLEDGE -> new Reply(200, said(incidents.acknowledge(orgId, number, person.get(), "sms"), number, "acknowledged"));
            case RESOLVE -> new Reply(200, said(incidents.resolve(orgId, number, person.get(), "sms"), number, "resolved"));
        };
    }

    private static String said(IncidentCommands.Result result, long number, String done) {
        return switch (result) {
            case DONE -> "Incident #" + number + " " + done + ".";
            case ALREADY -> "Incident #" + number + " was already " + done + ".";
            case NOT_FOUND -> "No incident #" + number + " in this organization. " + HELP;
            case FORBIDDEN -> "You may not act on incident #" + number + ".";
        };
    }
}
