package db.migration.sqlite;

import db.migration.PageServiceIds;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Alert rules' "page a service" by name become service ids (see {@link PageServiceIds}). */
public class V36_1__Page_service_ids extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        PageServiceIds.migrate(context.getConnection());
    }
}
