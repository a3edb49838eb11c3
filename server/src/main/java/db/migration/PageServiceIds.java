package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert rules' "page a service" actions named the service by text until services existed (V36);
 * they now name a service by id. Each name becomes the id of the organization's service with that
 * name, made (with no team and no escalation policy, so it pages nobody until it gets one) when
 * there is none. The log says which rules changed and which services were made.
 */
public final class PageServiceIds {
    private static final Logger log = LoggerFactory.getLogger(PageServiceIds.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private PageServiceIds() {}

    @SuppressWarnings("unchecked")
    public static void migrate(Connection c) throws SQLException {
        record Rule(long id, long orgId, String definition, long updatedAt) {}
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, org_id, definition, updated_at FROM alert_rules");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rules.add(new Rule(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
            }
        }
        for (Rule rule : rules) {
            Map<String, Object> definition = JSON.readValue(rule.definition(), OBJECT);
            boolean changed = false;
            List<Object> actions = definition.get("actions") instanceof List<?> l ? (List<Object>) l : List.of();
            for (Object o : actions) {
                if (!(o instanceof Map<?, ?> m) || !"PAGE_SERVICE".equals(m.get("kind")) || !m.containsKey("service")) {
                    continue;
                }
                Map<String, Object> action = (Map<String, Object>) m;
                Object name = action.remove("service");
                String serviceName = name == null || name.toString().isBlank() ? "Unnamed service" : name.toString().strip();
                action.put("serviceId", serviceId(c, rule.orgId(), serviceName, rule.updatedAt(), rule.id()));
                changed = true;
            }
            if (changed) {
                try (PreparedStatement u = c.prepareStatement("UPDATE alert_rules SET definition = ? WHERE id = ?")) {
                    u.setString(1, JSON.writeValueAsString(new LinkedHashMap<>(definition)));
                    u.setLong(2, rule.id());
                    u.executeUpdate();
                }
            }
        }
    }

    private static long serviceId(Connection c, long orgId, String name, long now, long ruleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM services WHERE org_id = ? AND name = ?")) {
            s.setLong(1, orgId);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    log.info("alert rule {}: 'page service {}' now pages service {}", ruleId, name, rs.getLong(1));
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement i = c.prepareStatement("""
                INSERT INTO services (org_id, name, urgency_rule, ack_timeout_seconds, grouping, created_at, updated_at)
                VALUES (?, ?, 'high', 1800, 'none', ?, ?) RETURNING id""")) {
            i.setLong(1, orgId);
            i.setString(2, name);
            i.setLong(3, now);
            i.setLong(4, now);
            try (ResultSet rs = i.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                log.warn("alert rule {}: 'page service {}' now pages service {}, made for it with no escalation policy:"
                        + " it pages nobody until the service gets one", ruleId, name, id);
                return id;
            }
        }
    }
}
